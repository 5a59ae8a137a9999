// Merged unit names, the layout that fits the screen, honest state after a failed
// file, the embedded empty state and span16 for JS hosts — driven as a user would,
// compared with the CLI's analysis of the same text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OUT, SHOTS, launch, serve, openPage, assertOwnRequests, cli, corpusFiles, waitForResults,
  pasteAndAnalyze, planText,
} from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

async function withPage(fn, opts) {
  const p = await openPage(browser, opts);
  try {
    await fn(p);
    assert.deepEqual(p.errors.filter((e) => !/integrity.*preload/.test(e)), [], 'no page errors');
    assertOwnRequests(p.requests, [server.url]);
  } finally {
    await p.context.close();
  }
}

/** A corpus plan whose analysis suggests a merge, with the suggestion. */
function planWithVariants() {
  for (const f of corpusFiles()) {
    const r = cli(f);
    if (r.ok && (r.analysis.unit_variants || []).length) return { file: f, a: r.analysis };
  }
  throw new Error('no corpus plan with unit_variants');
}

const unitTable = (page) => page.$$eval('#unit-table tbody tr', (trs) => trs.map((tr) => [
  tr.querySelector('th').textContent.trim(), Number(tr.cells[1].textContent), Number(tr.cells[2].textContent)]));

test('merge two unit variants: 责任单位, current() and the JSON export use the kept name; 原文 keeps the text; the list is kept and round-trips as a file', { timeout: 180000 }, async () => {
  const { file, a } = planWithVariants();
  const group = a.unit_variants[0];
  const keep = group[group.length - 1]; // not the suggested name: the choice is the user's
  const others = group.filter((n) => n !== keep);
  const ids = (key) => [...new Set(a.units.filter((u) => group.includes(u.name)).flatMap((u) => u[key]))];
  const aliasPath = join(OUT, 'aliases.json');
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    await pasteAndAnalyze(page, planText(file));
    await page.click('#tab-units');
    const li = page.locator(`.variant-group[data-names="${group.join('|')}"]`);
    assert.equal(await li.count(), 1, 'the suggestion is shown');
    await li.locator('select.variant-keep').selectOption(keep);
    await li.locator('button.variant-merge').click();
    await page.waitForSelector(`#alias-list .alias[data-canonical="${keep}"]`);
    const rows = await unitTable(page);
    const names = rows.map((r) => r[0]);
    assert.ok(names.includes(keep));
    for (const n of others) assert.ok(!names.includes(n), `${n} merged away`);
    assert.equal(rows.length, a.units.length - others.length);
    const lead = new Set(ids('lead'));
    const support = ids('support').filter((id) => !lead.has(id));
    assert.deepEqual(rows.find((r) => r[0] === keep).slice(1), [lead.size, support.length]);
    assert.equal(await page.locator(`.variant-group[data-names="${group.join('|')}"]`).count(), 0, 'decided');
    // the JS API sees what the screen shows
    const cur = await page.evaluate(() => window.planlens.current());
    assert.ok(cur.units.some((u) => u.name === keep) && !cur.units.some((u) => others.includes(u.name)));
    // the JSON export uses the merged name
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const exported = JSON.parse(readFileSync(await dl.path(), 'utf8'));
    const used = exported.measures.flatMap((m) => [...m.lead, ...m.support]);
    assert.ok(used.includes(keep));
    for (const n of others) assert.ok(!used.includes(n), `${n} not in the export`);
    // 原文 keeps the wording of the text
    await page.click('#tab-source');
    const src = await page.textContent('.source');
    for (const n of others) assert.ok(src.includes(n), `原文 still shows ${n}`);
    // kept for the next visit
    await page.reload();
    await waitForResults(page);
    await page.click('#tab-units');
    await page.waitForSelector(`#alias-list .alias[data-canonical="${keep}"]`); // read from IndexedDB
    assert.ok(!(await unitTable(page)).some((r) => others.includes(r[0])), 'the merge survives a reload');
    const [al] = await Promise.all([page.waitForEvent('download'), page.click('#aliases-export')]);
    writeFileSync(aliasPath, readFileSync(await al.path()));
  });
  const list = JSON.parse(readFileSync(aliasPath, 'utf8'));
  assert.equal(list.schema, 'planlens-aliases/1');
  assert.deepEqual(list.aliases.find((x) => x.canonical === keep).variants.sort(), [...others].sort());
  // another browser profile (another office): import the file
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    await pasteAndAnalyze(page, planText(file));
    await page.click('#tab-units');
    assert.equal(await page.locator(`.variant-group[data-names="${group.join('|')}"]`).count(), 1);
    await page.setInputFiles('#aliases-import', aliasPath);
    await page.waitForSelector(`#alias-list .alias[data-canonical="${keep}"]`);
    assert.ok(!(await unitTable(page)).some((r) => others.includes(r[0])), 'the imported list applies');
    // 不合并 on an undecided suggestion hides it
    const rest = (a.unit_variants || []).slice(1);
    if (rest.length) {
      const sel = `.variant-group[data-names="${rest[0].join('|')}"]`;
      await page.click(`${sel} button.variant-apart`);
      assert.equal(await page.locator(sel).count(), 0);
    }
  });
});

test('after an analysis the paste box folds to one line and reopens; 来源 reads 文本', { timeout: 120000 }, async () => {
  const { file } = planWithVariants();
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    assert.equal(await page.$('#btn-input-toggle'), null, 'nothing to fold before an analysis');
    await pasteAndAnalyze(page, planText(file));
    assert.equal(await page.getAttribute('#btn-input-toggle', 'aria-expanded'), 'false');
    assert.ok(!(await page.isVisible('#plan-text')), 'folded');
    const h = await page.$eval('#input-panel', (e) => e.getBoundingClientRect().height);
    assert.ok(h < 70, `one line high: ${h}px`);
    await page.click('#btn-input-toggle');
    assert.ok(await page.isVisible('#plan-text'));
    assert.equal(await page.inputValue('#plan-text'), planText(file));
    const meta = await page.textContent('.meta');
    assert.ok(meta.includes('文本') && !/\btext\b/.test(meta), `来源 in Chinese: ${meta}`);
  });
});

test('at 390 px the 任务分解表 is cards and the task text gets the width', { timeout: 120000 }, async () => {
  const { file } = planWithVariants();
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    await pasteAndAnalyze(page, planText(file));
    await page.click('#tab-tasks');
    await page.screenshot({ path: join(SHOTS, 'webui-390-tasks.png') });
    const w = await page.$eval('#task-table tbody tr td.task', (td) => td.getBoundingClientRect().width);
    assert.ok(w > 300, `task text ${w}px wide at 390 px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scroll (${overflow}px)`);
    const label = await page.$eval('#task-table tbody tr td.lead', (td) => getComputedStyle(td, '::before').content);
    assert.match(label, /牵头单位/);
    // the export and input buttons keep one row each (scrolling sideways inside it),
    // so the first task card starts on the first screen
    for (const row of ['.export', '.input .actions']) {
      const h = await page.$eval(row, (e) => e.getBoundingClientRect().height);
      assert.ok(h < 60, `${row} is one row at 390 px (${h}px high)`);
    }
    const top = await page.$eval('#task-table tbody tr', (tr) => tr.getBoundingClientRect().top);
    assert.ok(top < 640, `the first task card starts at ${top}px of 844`);
  }, { viewport: { width: 390, height: 844 } });
});

test('print: no sort arrows, the header row repeats, every column kept', { timeout: 120000 }, async () => {
  const { file } = planWithVariants();
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    await pasteAndAnalyze(page, planText(file));
    await page.click('#tab-tasks');
    await page.click('#task-table thead button.sort'); // sorted: an arrow on screen
    assert.ok(await page.isVisible('.sort-arrow:not(:empty)'));
    await page.emulateMedia({ media: 'print' });
    assert.ok(!(await page.isVisible('.sort-arrow:not(:empty)')), 'no arrow in print');
    assert.equal(await page.$eval('#task-table thead', (t) => getComputedStyle(t).display), 'table-header-group');
    const cols = await page.$$eval('#task-table thead th', (ths) => ths.filter((th) => th.getBoundingClientRect().width > 0).length);
    assert.equal(cols, 6);
  });
});

test('a file that fails to open does not show the last results under its name', { timeout: 120000 }, async () => {
  const { file } = planWithVariants();
  const bad = join(OUT, '损坏的方案.docx');
  writeFileSync(bad, Buffer.from('PK\u0003\u0004 not really a zip'));
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    await pasteAndAnalyze(page, planText(file));
    await page.setInputFiles('#file-input', bad);
    await page.waitForSelector('#error');
    assert.match(await page.textContent('#error'), /损坏的方案\.docx/);
    assert.ok(await page.$('#count-measures'), 'the draft\'s own results stay');
    const name = await page.$('.file-name');
    assert.ok(!name || !(await name.textContent()).includes('损坏的方案'), 'the draft keeps its own name');
    assert.ok(await page.isVisible('#plan-text'), 'the paste box is open again');
  });
});

test('span16: text.slice finds every measure and target after characters outside the BMP', { timeout: 120000 }, async () => {
  const { file } = planWithVariants();
  const text = '𠀀😀𝟘\n' + planText(file);
  await withPage(async ({ page }) => {
    await page.goto(server.url);
    await page.waitForFunction(() => window.planlens && window.planlens.analyze);
    const bad = await page.evaluate(async (t) => {
      const a = await window.planlens.analyze(t);
      const chars = Array.from(t);
      const wrong = [];
      for (const x of [...a.measures, ...a.targets]) {
        const byChars = chars.slice(x.span[0], x.span[1]).join('');
        if (t.slice(x.span16[0], x.span16[1]) !== byChars) wrong.push(x.id);
        if (x.note_span && t.slice(x.note_span16[0], x.note_span16[1]) !== chars.slice(x.note_span[0], x.note_span[1]).join('')) wrong.push(`${x.id} note`);
      }
      return { wrong, n: a.measures.length + a.targets.length, shifted: a.measures[0].span16[0] - a.measures[0].span[0] };
    }, text);
    assert.ok(bad.n > 0);
    assert.deepEqual(bad.wrong, []);
    assert.equal(bad.shifted, 3, 'three astral chars before the first measure');
  });
});

test('embedded without a host: the empty state says what to do', { timeout: 60000 }, async () => {
  await withPage(async ({ page }) => {
    await page.goto(`${server.url}index.html?embed=1`);
    await page.waitForSelector('#embed-empty');
    assert.match(await page.textContent('#embed-empty'), /所在网页/);
    assert.equal(await page.$('#plan-text'), null, 'no paste box in the iframe');
  });
});

test('the compact <plan-lens> offers exports and keeps 配合单位 / 完成时限 readable when narrow', { timeout: 120000 }, async () => {
  const { file, a } = planWithVariants();
  await withPage(async ({ page }) => {
    await page.goto(`${server.url}__e2e__/host.html?planlens=${encodeURIComponent(server.url)}`);
    await page.waitForFunction(() => window.__hostReady);
    await page.evaluate(() => { document.getElementById('compact').style.width = '360px'; });
    await page.evaluate((t) => document.getElementById('compact').analyze(t), planText(file));
    const info = await page.evaluate(() => {
      const root = document.getElementById('compact').shadowRoot;
      const td = root.querySelector('table.tasks td.support:not(:empty), table.tasks td.deadline:not(:empty)');
      return {
        buttons: [...root.querySelectorAll('.actions button')].map((b) => b.textContent),
        width: td ? td.getBoundingClientRect().width : null,
        label: td ? getComputedStyle(td, '::before').content : null,
      };
    });
    assert.deepEqual(info.buttons, ['导出任务 CSV', '导出 JSON']);
    if (a.measures.some((m) => m.support.length || m.deadline)) {
      assert.ok(info.width > 250, `a card cell gets the width: ${info.width}`);
      assert.match(info.label, /配合单位|完成时限/);
    }
    const [dl] = await Promise.all([page.waitForEvent('download'),
      page.evaluate(() => document.getElementById('compact').shadowRoot.querySelector('.actions button').click())]);
    const csv = readFileSync(await dl.path());
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    // rows: line ends outside quoted cells
    let rows = 0, quoted = false;
    const body = csv.toString('utf8');
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '"') quoted = !quoted;
      else if (!quoted && body[i] === '\r' && body[i + 1] === '\n') rows++;
    }
    assert.equal(rows, a.measures.length + 1, 'a header and one row per task');
  });
});
