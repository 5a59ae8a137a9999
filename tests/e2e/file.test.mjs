// dist/planlens.html opened from disk (file://): one self-contained file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, launch, openPage, assertOwnRequests, cli, corpusFiles, counts, pasteAndAnalyze, taskRows, expectedTaskRow, withoutSource } from './helpers.mjs';

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
