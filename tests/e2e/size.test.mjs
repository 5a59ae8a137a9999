// What the first load carries (dist/ as built): the page's wasm links no analysis —
// no lexicon of the core and not the 示例 plan, which only the analysis worker's wasm
// carries (planlens.analyze, 添加为指标, 示例 and the no-worker fallback all go there).
// The sizes themselves are printed by scripts/run.sh and kept in README.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { DIST, ROOT } from './helpers.mjs';

const page = readFileSync(join(DIST, 'planlens-web_bg.wasm'));
const worker = readFileSync(join(DIST, 'planlens-worker_bg.wasm'));
const LEXICONS = join(ROOT, 'crates/core/lexicons');

test('the page wasm holds none of the core\'s lexicons, the worker wasm all of them', () => {
  const files = readdirSync(LEXICONS).filter((f) => f.endsWith('.txt'));
  assert.ok(files.length > 10, `lexicons found: ${files.length}`);
  const inPage = files.filter((f) => page.includes(readFileSync(join(LEXICONS, f))));
  const notInWorker = files.filter((f) => !worker.includes(readFileSync(join(LEXICONS, f))));
  assert.deepEqual(inPage, [], 'the analysis is not linked into the first load');
  assert.deepEqual(notInWorker, [], 'the worker analyses (each lexicon is embedded whole)');
});

test('the 示例 plan is in the worker wasm only', () => {
  const sample = readFileSync(join(ROOT, 'www/sample.txt'));
  assert.ok(sample.length > 1000);
  assert.equal(page.includes(sample), false);
  assert.equal(worker.includes(sample), true);
});

test('the CSV, 校对结果 and plain-workbook writers are in the worker wasm only (Job::File)', () => {
  // a piece of the plain workbook's styles part (crates/export/src/xlsx.rs)
  const styles = Buffer.from('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
  assert.equal(page.includes(styles), false, 'the page links no workbook writer');
  assert.equal(worker.includes(styles), true, 'the worker writes the plain workbook');
});

test('every integrity hash in index.html matches its file (the glue is minified after Trunk)', () => {
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const links = [...index.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((t) => /integrity=/.test(t));
  assert.ok(links.length >= 2, `preload links with integrity: ${links.length}`);
  for (const tag of links) {
    const href = /href="?\.\/([^"\s>]+)/.exec(tag)[1];
    const want = /integrity="?(sha384-[A-Za-z0-9+/=]+)/.exec(tag)[1];
    const got = `sha384-${createHash('sha384').update(readFileSync(join(DIST, href))).digest('base64')}`;
    assert.equal(got, want, href);
  }
});

test('the served .gz of each first-load file is gzip of exactly that file', () => {
  for (const f of ['planlens-web_bg.wasm', 'planlens-web.js', 'style.css', 'index.html']) {
    assert.deepEqual(gunzipSync(readFileSync(join(DIST, f + '.gz'))), readFileSync(join(DIST, f)), f);
  }
  const glue = readFileSync(join(DIST, 'planlens-web.js'), 'utf8');
  assert.ok(!glue.includes('\n    '), 'the page glue is minified');
});
