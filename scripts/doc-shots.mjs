#!/usr/bin/env node
// The screenshots of docs/web.md (docs/img/web-*.png), taken from the built dist/
// in headless Debian Chromium (playwright-core, /usr/bin/chromium; never a browser
// download), driving the page as a user would: edit a cell, merge two unit names,
// the 最近的分析 list, and the 按单位 export with its printout (LibreOffice headless
// turns the per-unit workbook into a PDF, pdftoppm its first page into a PNG, when
// both are installed). With ImageMagick's `convert` on PATH the PNGs are reduced to
// 64 colours, so they stay small in git.
//
//   scripts/run.sh --build-only && node scripts/doc-shots.mjs
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const IMG = join(ROOT, 'docs/img');
if (!existsSync(join(DIST, 'index.html'))) {
  console.error('doc-shots: dist/ is not built; run scripts/run.sh --build-only first');
  process.exit(1);
}

// A made-up plan that shows each feature: two names of one unit (区发改委 /
// 区发展和改革委员会), a task without a unit, targets.
const PLAN = `某区推进数字经济高质量发展三年行动方案(2024—2026年)

一、主要目标
到2026年,全区数字经济核心产业增加值达到150亿元,建成5G基站1200个。

二、重点任务
（一）建设新型基础设施。新建5G基站500个,推进千兆光网覆盖。(牵头单位:区发改委;配合单位:区住建委;完成时限:2024年底前)
（二）培育数字企业。引进和培育一批数字经济龙头企业。(牵头单位:区发展和改革委员会;配合单位:区商务委;完成时限:2025年6月底前)
（三）推动产业数字化。支持制造业企业开展智能化改造。(责任单位:区经信委、区科委)
（四）完善数字治理。推进政务服务一网通办。(责任单位:区政务服务中心;完成时限:长期坚持)
（五）加强人才支撑。建设数字人才实训基地。

三、保障措施
加强组织领导,建立工作推进机制。(责任单位:区发改委)
`;

const OTHER = `某县农村人居环境整治工作方案

一、工作任务
（一）推进农村厕所改造。完成农户改厕2000户。(责任单位:县农业农村局;完成时限:2024年底前)
（二）治理农村生活污水。(牵头单位:县生态环境局;配合单位:县住建局)
`;

function hasTool(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Fewer colours, same pixels: text screenshots stay readable and small (left as
 *  taken when ImageMagick is missing or fails). */
function shrink(file) {
  if (!hasTool('convert')) return;
  try {
    execFileSync('convert', [file, '-strip', '-colors', '64', `PNG8:${file}.tmp`], { stdio: 'ignore' });
    renameSync(`${file}.tmp`, file);
  } catch {
    rmSync(`${file}.tmp`, { force: true });
  }
}

/** A screenshot of an element, cut at `maxHeight` px (small files for git). */
async function shot(locator, name, maxHeight = Infinity) {
  const file = join(IMG, name);
  const page = locator.page();
  // from the top of the page (the table's header is sticky when scrolled)
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await locator.boundingBox();
  const clip = { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, maxHeight) };
  await page.screenshot({ path: file, clip });
  shrink(file);
  console.log(`doc-shots: ${file} (${(statSync(file).size / 1024).toFixed(0)} KB)`);
}

async function paste(page, text) {
  const toggle = await page.$('#btn-input-toggle[aria-expanded="false"]');
  if (toggle) await toggle.click();
  await page.fill('#plan-text', text);
  await page.click('#btn-analyze');
  await page.waitForSelector('#count-measures');
  await page.waitForFunction(() => !document.querySelector('#progress'));
}

const server = await startServer(DIST, 0, '127.0.0.1');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1100 }, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(server.url);

  // 最近的分析 needs two plans analysed here
  await paste(page, OTHER);
  await paste(page, PLAN);

  // editing: a lead unit typed into its cell, the deadline of another row
  await page.click('#tab-tasks');
  const cell = (id, col) => `#task-table tr[data-measure-id="${id}"] td[data-col="${col}"]`;
  const edit = async (sel, value) => {
    await page.dblclick(sel);
    await page.waitForSelector(`${sel} .cell-edit`);
    await page.fill(`${sel} .cell-edit`, value);
    await page.press(`${sel} .cell-edit`, 'Enter');
    await page.waitForSelector(`${sel} .cell-edit`, { state: 'detached' });
  };
  const ids = await page.$$eval('#task-table tbody tr[data-measure-id]', (trs) => trs.map((tr) => tr.dataset.measureId));
  await edit(cell(ids[0], 'support'), '区住建委、区大数据中心');
  await edit(cell(ids[2], 'deadline'), '2025年底前');
  // the field open on a fourth row, as the user sees it while typing
  await page.dblclick(cell(ids[3], 'support'));
  await page.waitForSelector(`${cell(ids[3], 'support')} .cell-edit`);
  await page.fill(`${cell(ids[3], 'support')} .cell-edit`, '区大数据中心');
  await shot(page.locator('main'), 'web-edit.png', 700);
  await page.press(`${cell(ids[3], 'support')} .cell-edit`, 'Escape');

  // unit names: the suggestion to merge, then the merged list
  await page.click('#tab-units');
  await page.waitForSelector('.variant-group');
  await shot(page.locator('main'), 'web-aliases.png', 420);
  await page.locator('.variant-group').first().locator('button.variant-merge').click();
  await page.waitForSelector('#alias-list .alias');

  // 最近的分析, opened under the input box
  await page.click('#btn-input-toggle');
  await page.click('#recent summary');
  await shot(page.locator('#recent'), 'web-recent.png');
  await page.click('#btn-input-toggle');

  // 按单位导出: the buttons, then the first page of the per-unit workbook as printed
  await shot(page.locator('header.top'), 'web-export.png');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx-units')]);
  const dir = mkdtempSync(join(tmpdir(), 'planlens-shots-'));
  const xlsx = join(dir, 'by-unit.xlsx');
  await download.saveAs(xlsx);
  if (hasTool('soffice') && hasTool('pdftoppm')) {
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'ignore', timeout: 120000 });
    // the per-unit sheets follow 任务分解表 and 指标表: print the first unit's page
    const pdf = join(dir, 'by-unit.pdf');
    const pages = Number((execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/) || [])[1] || 1);
    const page3 = Math.min(3, pages);
    execFileSync('pdftoppm', ['-png', '-r', '72', '-f', String(page3), '-l', String(page3), pdf, join(dir, 'p')]);
    const png = readdirSync(dir).find((f) => f.startsWith('p') && f.endsWith('.png'));
    const out = join(IMG, 'web-by-unit-print.png');
    renameSync(join(dir, png), out);
    shrink(out);
    console.log(`doc-shots: ${out} (${(statSync(out).size / 1024).toFixed(0)} KB, page ${page3} of ${pages})`);
  } else {
    console.log('doc-shots: soffice or pdftoppm missing, the printout is not renewed');
  }
  rmSync(dir, { recursive: true, force: true });
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
