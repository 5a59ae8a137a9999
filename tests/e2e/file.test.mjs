// dist/planlens.html opened from disk (file://): one self-contained file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, launch, openPage, assertOwnRequests, cli, corpusFiles, counts, pasteAndAnalyze, taskRows, expectedTaskRow, withoutSource, dropFile } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('planlens.html from file:// analyses a plan (worker included), no request leaves the file', { timeout: 120000 }, async () => {
  // a copy alone in a folder: nothing next to it to lean on
  const dir = mkdtempSync(join(tmpdir(), 'planlens-file-'));
  const copy = join(dir, 'planlens.html');
  copyFileSync(join(DIST, 'planlens.html'), copy);
  const file = corpusFiles().find((f) => f.includes('003_')) || corpusFiles()[0];
  const a = cli(file).analysis;
  const { context, page, requests, errors } = await openPage(browser);
  try {
    await page.goto(pathToFileURL(copy).href);
    await page.waitForFunction(() => window.planlens && window.planlens.version);
    const api = await page.evaluate((t) => window.planlens.analyze(t), readFileSync(file, 'utf8'));
    assert.deepEqual(withoutSource(api), withoutSource(a));
    await pasteAndAnalyze(page, readFileSync(file, 'utf8'));
    assert.equal(await page.getAttribute('html', 'data-planlens-worker'), 'ready', 'the worker runs from file:// too');
    assert.deepEqual(await counts(page), { measures: a.measures.length, targets: a.targets.length, units: a.units.length });
    await page.click('#tab-tasks');
    assert.deepEqual(await taskRows(page), a.measures.slice(0, 200).map(expectedTaskRow));
    // "Save page as": the saved DOM (with the rendered app in it) still starts cleanly
    const saved = await page.content();
    const savedPath = join(dir, 'saved.html');
    (await import('node:fs')).writeFileSync(savedPath, saved);
    await page.goto(pathToFileURL(savedPath).href);
    await page.waitForFunction(() => window.planlens && document.querySelectorAll('.app').length === 1);
    assert.deepEqual(errors, []);
    assertOwnRequests(requests, []);
    assert.ok(requests.every((u) => u.startsWith('file:') || u.startsWith('blob:') || u.startsWith('data:')));
  } finally {
    await context.close();
  }
});

test('planlens.html from file:// without workers: its embedded worker wasm answers on the page\'s thread', { timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'planlens-file-'));
  const copy = join(dir, 'planlens.html');
  copyFileSync(join(DIST, 'planlens.html'), copy);
  const file = corpusFiles().find((f) => f.includes('003_')) || corpusFiles()[0];
  const a = cli(file).analysis;
  const { context, page, requests, errors } = await openPage(browser);
  try {
    await page.addInitScript(() => { window.Worker = function Worker() { throw new Error('no workers here'); }; });
    await page.goto(pathToFileURL(copy).href);
    await page.waitForFunction(() => window.planlens && window.planlens.version);
    const api = await page.evaluate((t) => window.planlens.analyze(t), readFileSync(file, 'utf8'));
    assert.deepEqual(withoutSource(api), withoutSource(a));
    await pasteAndAnalyze(page, readFileSync(file, 'utf8'));
    assert.equal(await page.getAttribute('html', 'data-planlens-worker'), 'fallback');
    assert.deepEqual(await counts(page), { measures: a.measures.length, targets: a.targets.length, units: a.units.length });
    assert.deepEqual(errors, [], 'no page errors');
    assertOwnRequests(requests, []);
  } finally {
    await context.close();
  }
});

test('planlens.html from file:// reads PDFs (pdf.js, its worker and the CMaps embedded), nothing fetched', { timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'planlens-file-pdf-'));
  const copy = join(dir, 'planlens.html');
  copyFileSync(join(DIST, 'planlens.html'), copy);
  const { context, page, requests, errors } = await openPage(browser);
  try {
    await page.goto(pathToFileURL(copy).href);
    await page.waitForFunction(() => window.planlens && window.planlens.version);
    for (const name of ['003_cad4160aa9a2acde.pdf', 'cjk-cmaps.pdf']) {
      const fixture = join(ROOT, 'tests/fixtures', name);
      const r = cli(fixture);
      await dropFile(page, name, readFileSync(fixture), 'application/pdf');
      await page.waitForSelector('#count-measures, #error', { timeout: 60000 });
      await page.waitForFunction(() => !document.querySelector('#progress'), null, { timeout: 60000 });
      assert.equal(await page.$('#error'), null, `${name}: read (${await page.textContent('#error').catch(() => '')})`);
      assert.ok(r.ok, `the CLI reads ${name}`);
      // the same pieces and the same decoder as the CLI: the same analysis
      assert.deepEqual(await counts(page), { measures: r.analysis.measures.length, targets: r.analysis.targets.length, units: r.analysis.units.length });
      if (name === 'cjk-cmaps.pdf') {
        await page.click('#tab-source');
        const shown = await page.textContent('#panel');
        const first = r.analysis.measures[0].text;
        assert.ok(shown.includes(first), `CMap text as the CLI reads it: ${first}`);
      }
    }
    assert.deepEqual(errors, []);
    const foreign = requests.filter((u) => !(u.startsWith('file:') || u.startsWith('blob:') || u.startsWith('data:')));
    assert.deepEqual(foreign, [], 'only file:, blob: and data: requests');
    assertOwnRequests(requests, []);
  } finally {
    await context.close();
  }
});
