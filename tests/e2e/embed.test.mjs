// Embedding: the <plan-lens> custom element (compact and app modes), the
// ?embed=1 iframe with the planlens-embed/1 postMessage protocol and its origin
// allowlist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, openPage, assertOwnRequests, cli, corpusFiles, withoutSource } from './helpers.mjs';

let browser, server, other;
before(async () => { browser = await launch(); server = await serve(); other = await serve(); });
after(async () => { await browser?.close(); await server?.close(); await other?.close(); });

const plan = () => corpusFiles().find((f) => f.includes('003_')) || corpusFiles()[0];

test('a host page gets results from <plan-lens>, <plan-lens mode="app"> and the ?embed=1 iframe', { timeout: 120000 }, async () => {
  const file = plan();
  const text = readFileSync(file, 'utf8');
  const a = cli(file).analysis;
  const { context, page, requests, errors } = await openPage(browser);
  try {
    await page.goto(`${server.url}__e2e__/host.html?planlens=${encodeURIComponent(server.url)}`);
    await page.waitForFunction(() => window.__hostReady);
    // (a) compact custom element
    const compact = await page.evaluate((t) => document.getElementById('compact').analyze(t).then((r) => r), text);
    assert.deepEqual(withoutSource(compact), withoutSource(a));
    const shown = await page.evaluate(() => document.getElementById('compact').shadowRoot.querySelectorAll('table')[0].tBodies[0].rows.length);
    assert.equal(shown, a.measures.length);
    // (a) app mode: the full app in an iframe, result through the protocol
    const app = await page.evaluate((t) => document.getElementById('app').analyze(t), text);
    assert.deepEqual(withoutSource(app), withoutSource(a));
    const frame = page.frames().find((f) => f.url().includes('embed=1') && f.parentFrame() !== page.mainFrame() || false);
    const events = await page.evaluate(() => window.__events.map((e) => [e.id, e.analysis.measures.length]));
    assert.deepEqual(events, [['compact', a.measures.length], ['app', a.measures.length]]);
    // (b) plain iframe: ready → analyze → result
    await page.waitForFunction(() => window.__raw.ready);
    const ready = await page.evaluate(() => window.__raw.ready);
    assert.equal(ready.origin, new URL(server.url).origin);
    await page.evaluate((t) => window.__rawAnalyze(t, 'req-1'), text);
    await page.waitForFunction(() => window.__raw.results.length > 0, null, { timeout: 30000 });
    const [res] = await page.evaluate(() => window.__raw.results);
    assert.equal(res.type, 'result');
    assert.equal(res.id, 'req-1');
    assert.deepEqual(withoutSource(res.analysis), withoutSource(a));
    // the embedded app shows it
    const embedded = page.frames().find((f) => f.url().startsWith(server.url + 'index.html?embed=1') && f.name() === '' && f !== page.mainFrame());
    assert.ok(embedded);
    await page.screenshot({ path: join(process.cwd(), 'tests/e2e/screenshots/9-embed-host.png'), fullPage: true });
    assert.deepEqual(errors.filter((e) => !/integrity.*preload/.test(e)), []);
    assertOwnRequests(requests, [server.url]);
    void frame;
  } finally {
    await context.close();
  }
});

test('the ?embed=1 iframe refuses analyze messages from origins outside its allowlist, with a warning and an error answer', { timeout: 120000 }, async () => {
  const text = readFileSync(plan(), 'utf8');
  const { context, page, requests } = await openPage(browser);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  try {
    // embed.js and the wasm load cross-origin only with CORS headers: add them here
    // (whatever the server sends), so the custom element runs on the foreign host too
    await context.route(`${server.url}**`, async (route) => {
      try {
        const res = await route.fetch();
        await route.fulfill({ response: res, headers: { ...res.headers(), 'access-control-allow-origin': '*' } });
      } catch { /* the page closed while a request was in flight */ }
    });
    // the host is served from another origin (another port), not in the allowlist
    await page.goto(`${other.url}__e2e__/host.html?planlens=${encodeURIComponent(server.url)}`);
    await page.waitForFunction(() => window.__hostReady && window.__raw.ready, null, { timeout: 20000 });
    await page.evaluate((t) => window.__rawAnalyze(t, 'evil-1'), text);
    await page.waitForFunction(() => window.__raw.results.length > 0, null, { timeout: 20000 });
    const answers = await page.evaluate(() => window.__raw.results);
    assert.deepEqual(answers.map((m) => [m.type, m.id, m.code]), [['error', 'evil-1', 'origin_not_allowed']],
      'no result for a foreign origin, only a refusal');
    assert.equal(answers[0].analysis, undefined, 'the refusal carries no data');
    assert.match(answers[0].message, /允许列表/);
    assert.ok(warnings.some((w) => w.includes(new URL(other.url).origin) && w.includes('允许列表')),
      `a console warning names the refused origin: ${warnings.join(' | ')}`);
    // <plan-lens mode="app"> on that host: analyze() rejects instead of waiting forever
    assert.equal(await page.evaluate(() => window.__embedError || null), null, 'embed.js loaded');
    const rejected = await page.evaluate((t) => document.getElementById('app').analyze(t).then(
      () => null, (e) => ({ message: e.message, code: e.code })), text);
    assert.equal(rejected && rejected.code, 'origin_not_allowed', JSON.stringify(rejected));
    assert.match(rejected.message, /允许列表/);
    assertOwnRequests(requests, [server.url, other.url]);
  } finally {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  }
});
