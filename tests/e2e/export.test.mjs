// Exports ready to hand on: the print-ready workbook from the export wasm (fetched
// only on export), 按单位 Excel, 导出校对结果 and 复制任务表 to the clipboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIST, OUT, launch, serve, openPage, assertOwnRequests, cli, corpusFiles, pasteAndAnalyze, planText,
  unzip, workbookSheets,
} from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A corpus plan with owned measures and targets. */
function plan() {
  const scored = corpusFiles().map((f) => {
    const r = cli(f);
    const a = r.ok ? r.analysis : null;
    return [f, a ? a.measures.filter((m) => m.lead.length).length * 10 + a.targets.length : -1];
  }).sort((x, y) => y[1] - x[1]);
  return scored[0][0];
}

async function withPage(fn, opts = {}) {
  const p = await openPage(browser, opts);
  try {
    await fn(p);
    assert.deepEqual(p.errors.filter((e) => !/integrity.*preload/.test(e)), [], 'no page errors');
    assertOwnRequests(p.requests, [server.url]);
  } finally {
    await p.context.close();
  }
}

const exportWasm = (requests) => requests.filter((u) => /planlens-export(_bg\.wasm|\.js)/.test(u));

async function download(page, selector, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(OUT, name);
  await dl.saveAs(path);
  return { path, name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

test('export wasm: not fetched at first load; Excel is print-ready; 按单位 Excel has a sheet per unit', { timeout: 180000 }, async () => {
  const file = plan();
  const a = cli(file).analysis;
  await withPage(async ({ page, requests }) => {
    await page.goto(server.url);
    await pasteAndAnalyze(page, planText(file));
    assert.deepEqual(exportWasm(requests), [], 'the export wasm is not part of the first load');

    const book = await download(page, '#export-xlsx', 'print.xlsx');
    assert.match(book.name, /\.xlsx$/);
    assert.equal(await page.getAttribute('html', 'data-planlens-export'), 'wasm', 'made by the export wasm');
    assert.ok(exportWasm(requests).some((u) => u.endsWith('planlens-export_bg.wasm')), 'fetched on export');
    const zip = unzip(book.bytes);
    const ws = zip['xl/worksheets/sheet1.xml'].toString('utf8');
    const setup = (ws.match(/<pageSetup [^>]*>/) || [''])[0];
    for (const attr of ['paperSize="9"', 'orientation="landscape"', 'fitToHeight="0"']) assert.ok(setup.includes(attr), `${attr} in ${setup}`);
    assert.ok(ws.includes('<pageSetUpPr fitToPage="1"/>'), 'fit to one page wide');
    assert.ok(/<pane [^>]*state="frozen"/.test(ws), 'frozen header');
    assert.ok(/<autoFilter ref="A3:/.test(ws), 'autofilter on the header row');
    assert.ok(zip['xl/workbook.xml'].toString('utf8').includes('_xlnm.Print_Titles'), 'header repeated on every page');
    const sheets = workbookSheets(book.bytes);
    const tasks = sheets['任务分解表'];
    assert.equal(tasks[0][0], a.meta.title ?? a.source.name, 'the title row');
    assert.equal(tasks.length - 3, a.measures.length);
    assert.deepEqual(tasks.slice(3).map((r) => r[2]), a.measures.map((m) => m.text));

    await page.check('#export-notes');
    const units = await download(page, '#export-xlsx-units', 'units.xlsx');
    assert.match(units.name, /按单位\.xlsx$/);
    const us = workbookSheets(units.bytes);
    const names = Object.keys(us);
    assert.deepEqual(names.slice(0, 2), ['任务分解表', '指标表']);
    assert.deepEqual(us['任务分解表'][2].slice(-2), ['备注', '进展'], 'the notes option');
    const lead = a.measures.find((m) => m.lead.length).lead[0];
    const sheet = names.find((n) => n === lead.slice(0, 31));
    assert.ok(sheet, `a sheet for ${lead} in ${names.join(',')}`);
    const own = us[sheet].slice(3);
    const expected = a.measures.filter((m) => m.lead.includes(lead) || m.support.includes(lead));
    assert.equal(own.length, expected.length);
    assert.equal(own[0][3], expected[0].lead.includes(lead) ? '牵头' : '配合');
  });
});

test('导出校对结果: the gold layout of the corpus', { timeout: 120000 }, async () => {
  const file = plan();
  const a = cli(file).analysis;
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    await pasteAndAnalyze(page, planText(file));
    const gold = await download(page, '#export-gold', 'gold.json');
    assert.match(gold.name, /\.json$/);
    const g = JSON.parse(gold.bytes.toString('utf8'));
    assert.equal(g.part, null);
    assert.equal(typeof g.doc, 'string');
    assert.equal(g.measures.length, a.measures.length);
    assert.equal(g.targets.length, a.targets.length);
    assert.deepEqual(Object.keys(g.measures[0]).sort(), ['deadline', 'head', 'lead', 'optional', 'section', 'support']);
    assert.ok(a.measures[0].text.replace(/\s/g, '').includes(g.measures[0].head.replace(/\s/g, '')));
  });
});

test('复制任务表: an HTML table and TSV on the clipboard', { timeout: 120000 }, async () => {
  const file = plan();
  const a = cli(file).analysis;
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    await pasteAndAnalyze(page, planText(file));
    await page.click('#copy-tasks');
    await page.waitForFunction(() => /已复制/.test(document.querySelector('.export-copied')?.textContent || ''));
    const clip = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return {
        types: item.types,
        html: await (await item.getType('text/html')).text(),
        text: await (await item.getType('text/plain')).text(),
      };
    });
    assert.ok(clip.types.includes('text/html') && clip.types.includes('text/plain'), clip.types.join(','));
    assert.match(clip.html, /<table/);
    assert.equal((clip.html.match(/<tr/g) || []).length, 1 + a.measures.length);
    const lines = clip.text.trimEnd().split('\n');
    assert.equal(lines[0], '序号\t章节\t任务\t牵头单位\t配合单位\t完成时限');
    const m = a.measures.find((x) => !/[\t\n"]/.test(x.text));
    assert.ok(clip.text.includes(`\t${m.text}\t${m.lead.join('、')}\t`), 'a row as cells');

    await page.click('#copy-targets');
    await page.waitForFunction(() => /已复制指标表/.test(document.querySelector('.export-copied')?.textContent || ''));
    const t = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(t.startsWith('指标\t目标值'), t.slice(0, 40));
  }, { permissions: ['clipboard-read', 'clipboard-write'] });
});

test('planlens.html from disk: Excel falls back to the small writer; 按单位 Excel says why it cannot', { timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'planlens-export-'));
  const copy = join(dir, 'planlens.html');
  copyFileSync(join(DIST, 'planlens.html'), copy);
  const file = plan();
  const a = cli(file).analysis;
  const { context, page } = await openPage(browser);
  try {
    await page.goto(pathToFileURL(copy).href);
    await pasteAndAnalyze(page, planText(file));
    const book = await download(page, '#export-xlsx', 'fallback.xlsx');
    assert.equal(await page.getAttribute('html', 'data-planlens-export'), 'fallback');
    const tasks = workbookSheets(book.bytes)['任务分解表'];
    assert.deepEqual(tasks[0], ['序号', '章节', '任务', '牵头单位', '配合单位', '完成时限']);
    assert.equal(tasks.length - 1, a.measures.length);
    const dialog = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.message()); await d.dismiss(); }));
    await page.click('#export-xlsx-units');
    assert.match(await dialog, /按单位导出需要导出组件/);
  } finally {
    await context.close();
  }
});
