// Correcting the analysis in place, as a user would: edit cells of the 任务分解表
// and the 指标表, delete and restore a row, add a measure from a selection in 原文,
// undo and redo; the corrections survive a reload, reach the JSON and CSV exports
// and window.planlens.current(), stay with their own plan in a second tab, and
// follow a changed text to the measures that still match.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, SHOTS, launch, serve, openPage, assertOwnRequests, waitForResults, pasteAndAnalyze } from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

const PLAN_A = `某区推进数字经济发展实施方案

一、主要目标
到2025年,全区数字经济核心产业增加值达到120亿元。力争形成一批具有示范效应的数字化应用场景。

二、重点任务
（一）建设新型基础设施。新建5G基站500个,推进千兆光网覆盖。(牵头单位:区经信委;配合单位:区住建委;完成时限:2024年底前)
（二）培育数字企业。引进和培育一批数字经济龙头企业。(牵头单位:区商务委;完成时限:2025年6月底前)
（三）推动产业数字化。支持制造业企业开展智能化改造。(责任单位:区经信委、区科委)
（四）完善数字治理。推进政务服务一网通办。(责任单位:区政务服务中心;完成时限:长期坚持)
（五）加强人才支撑。建设数字人才实训基地。(责任单位:区人社局)

三、保障措施
加强组织领导,建立工作推进机制,定期研究解决重大问题。
`;

const PLAN_B = `某县农村人居环境整治工作方案

一、工作任务
（一）推进农村厕所改造。完成农户改厕2000户。(责任单位:县农业农村局;完成时限:2024年底前)
（二）治理农村生活污水。(牵头单位:县生态环境局;配合单位:县住建局)
（三）清理村庄环境。(责任单位:各乡镇)
`;

const ADDED = '力争形成一批具有示范效应的数字化应用场景。';

const row = (id) => `#task-table tr[data-measure-id="${id}"]`;
const cell = (id, col) => `${row(id)} td[data-col="${col}"]`;
const current = (page) => page.evaluate(() => window.planlens.current());
const withoutSpan16 = (a) => ({
  ...a,
  measures: a.measures.map(({ span16, note_span16, ...m }) => m),
  targets: a.targets.map(({ span16, ...t }) => t),
});
const measure = (a, id) => a.measures.find((m) => m.id === id);

/** Double-click a cell, type into its field, press Enter. */
async function editCell(page, sel, value) {
  await page.dblclick(sel);
  const field = `${sel} .cell-edit`;
  await page.waitForSelector(field);
  await page.fill(field, value);
  await page.press(field, 'Enter');
  await page.waitForSelector(field, { state: 'detached' });
}

/** Select a phrase in 原文 as a mouse would and release the button. */
async function selectInSource(page, phrase) {
  const ok = await page.evaluate((phrase) => {
    // the phrase may run across highlights: find it in the text nodes put end to end
    const root = document.getElementById('source-text');
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      nodes.push([n, all.length]);
      all += n.data;
    }
    const i = all.indexOf(phrase);
    if (i < 0) return false;
    const at = (pos, end) => {
      const hit = nodes.findLast(([n, start]) => (end ? start < pos : start <= pos) && pos - start <= n.data.length);
      return [hit[0], pos - hit[1]];
    };
    const r = document.createRange();
    r.setStart(...at(i, false));
    r.setEnd(...at(i + phrase.length, true));
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    return true;
  }, phrase);
  assert.ok(ok, `the phrase is in 原文: ${phrase}`);
}

test('edit cells, delete and restore, add from a selection, undo and redo; reload, exports, current()', { timeout: 180000 }, async () => {
  const { context, page, requests, errors } = await openPage(browser);
  try {
    await page.goto(server.url);
    await pasteAndAnalyze(page, PLAN_A);
    const base = await current(page);
    assert.equal(base.measures.length, 6, 'the plan as analysed');
    assert.ok(base.measures.every((m) => !('edited' in m)), 'nothing is edited yet');
    await page.click('#tab-tasks');

    // the contract: rows and cells are named
    assert.equal(await page.$$eval('#task-table tbody tr[data-measure-id]', (t) => t.length), 6);
    assert.deepEqual(await page.$$eval(`${row('m1')} td[data-col]`, (t) => t.map((c) => c.dataset.col)),
      ['task', 'lead', 'support', 'deadline']);

    // a lead unit, typed as a 、-separated list
    await editCell(page, cell('m2', 'lead'), '区发改委、区商务委');
    assert.equal(await page.textContent(cell('m2', 'lead')), '区发改委、区商务委');
    assert.ok(await page.$eval(cell('m2', 'lead'), (td) => td.classList.contains('edited')), 'the edited cell is marked');
    assert.ok(!(await page.$eval(cell('m2', 'support'), (td) => td.classList.contains('edited'))), 'only that cell');
    const mark = await page.$eval(cell('m2', 'lead'), (td) => getComputedStyle(td, '::before').content);
    assert.ok(mark && mark !== 'none', 'a visible mark');

    // a support unit from the plan's chips
    await page.dblclick(cell('m3', 'support'));
    await page.waitForSelector(`${cell('m3', 'support')} .chip`);
    await page.click(`${cell('m3', 'support')} .chip:text-is("区人社局")`);
    await page.press(`${cell('m3', 'support')} .cell-edit`, 'Enter');
    assert.equal(await page.textContent(cell('m3', 'support')), '区人社局');

    // a deadline, opened from the keyboard (Enter on the cell); Esc cancels first
    await page.focus(cell('m5', 'deadline'));
    await page.keyboard.press('Enter');
    await page.fill(`${cell('m5', 'deadline')} .cell-edit`, '不要这个');
    await page.keyboard.press('Escape');
    assert.equal(await page.textContent(cell('m5', 'deadline')), '', 'Esc keeps the cell as it was');
    await page.focus(cell('m5', 'deadline'));
    await page.keyboard.press('Enter');
    await page.fill(`${cell('m5', 'deadline')} .cell-edit`, '2026年6月底前');
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent(cell('m5', 'deadline')), '2026年6月底前');

    // delete and restore a row
    await page.click(`${row('m4')} .row-delete`);
    await page.waitForSelector(row('m4'), { state: 'detached' });
    assert.ok(!measure(await current(page), 'm4'), 'a deleted row leaves the analysis');
    assert.ok(!(await current(page)).units.some((u) => u.name === '区政务服务中心'), 'and the units index');
    await page.click('#removed-tasks li[data-row-id="m4"] button.restore');
    await page.waitForSelector(row('m4'));

    // undo and redo (Ctrl+Z / Ctrl+Shift+Z, outside a text field)
    await page.keyboard.press('Control+z');
    await page.waitForSelector(row('m4'), { state: 'detached' });
    await page.keyboard.press('Control+Shift+z');
    await page.waitForSelector(row('m4'));
    // three steps back: the restore, the delete, the deadline
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
    const deadlineIs = (v) => page.waitForFunction((v) =>
      document.querySelector('#task-table tr[data-measure-id="m5"] td[data-col="deadline"]').textContent === v, v);
    await deadlineIs('');
    assert.ok(await page.$(row('m4')), 'the delete is undone too');
    // and forward again with the buttons
    await page.click('#btn-redo');
    await deadlineIs('2026年6月底前');
    await page.click('#btn-redo');
    await page.waitForSelector(row('m4'), { state: 'detached' });
    await page.click('#btn-redo');
    await page.waitForSelector(row('m4'));
    assert.ok(await page.$eval('#btn-redo', (b) => b.disabled), 'nothing left to redo');
    // typing in a field: Ctrl+Z is the field's own
    await page.fill('#task-search', '数字');
    await page.press('#task-search', 'Control+z');
    assert.ok(measure(await current(page), 'm4'), 'the restore was not undone from the search box');
    await page.fill('#task-search', '');

    // a target value
    await page.click('#tab-targets');
    await editCell(page, '#target-table tr[data-target-id="t1"] td[data-col="value"]', '150');
    assert.equal(await page.textContent('#target-table tr[data-target-id="t1"] td[data-col="value"]'), '150');

    // a measure from a selection in 原文
    await page.click('#tab-source');
    await selectInSource(page, ADDED);
    await page.click('#btn-add-measure');
    await page.click('#tab-tasks');
    const added = (await current(page)).measures.find((m) => m.text === ADDED);
    assert.ok(added, 'the selection is a measure');
    assert.equal(added.edited, true);
    assert.deepEqual([...PLAN_A].slice(added.span[0], added.span[1]).join(''), ADDED, 'its span is the selection');
    await page.waitForSelector(row(added.id));

    // the filter 只看已改
    await page.selectOption('#only-filter', 'edited');
    const editedRows = await page.$$eval('#task-table tbody tr', (t) => t.map((r) => r.dataset.measureId).sort());
    assert.deepEqual(editedRows, ['m2', 'm3', 'm5', added.id].sort());
    await page.selectOption('#only-filter', 'unowned');
    const unowned = await page.$$eval('#task-table tbody tr', (t) => t.map((r) => r.dataset.measureId).sort());
    assert.deepEqual(unowned, ['m6', added.id].sort(), '无责任单位');
    await page.selectOption('#only-filter', 'all');
    await page.screenshot({ path: join(SHOTS, 'edit-tasks.png') });

    const check = (a) => {
      assert.deepEqual(measure(a, 'm2').lead, ['区发改委', '区商务委']);
      assert.equal(measure(a, 'm2').edited, true);
      assert.deepEqual(measure(a, 'm3').support, ['区人社局']);
      assert.deepEqual(measure(a, 'm5').deadline, { text: '2026年6月底前', date: '2026-06-30' });
      assert.ok(measure(a, 'm4') && !measure(a, 'm4').edited, 'restored as it was');
      assert.ok(!('edited' in measure(a, 'm1')), 'untouched rows are not marked');
      const t1 = a.targets.find((t) => t.id === 't1');
      assert.equal(t1.value, 150);
      assert.equal(t1.edited, true);
      assert.ok(a.measures.some((m) => m.text === ADDED && m.edited));
      assert.ok(a.units.find((u) => u.name === '区发改委').lead.includes('m2'), 'the units index follows');
    };
    const before = await current(page);
    check(before);

    // reload: every correction is back
    await page.reload();
    await waitForResults(page);
    await page.waitForFunction(() => document.querySelector('#edit-count')?.textContent.includes('已修正'));
    const after = await current(page);
    check(after);
    assert.deepEqual(after, before);
    await page.click('#tab-tasks');
    assert.ok(await page.$eval(cell('m2', 'lead'), (td) => td.classList.contains('edited')), 'marks come back too');

    // exports carry the corrections
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const jsonPath = join(OUT, 'edited.json');
    await json.saveAs(jsonPath);
    const exported = JSON.parse(readFileSync(jsonPath, 'utf8'));
    check(exported);
    // current() adds the UTF-16 spans for JS hosts; the rest is the JSON export.
    assert.deepEqual(exported, withoutSpan16(after), 'the JSON export is current()');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv-tasks')]);
    const csvPath = join(OUT, 'edited-tasks.csv');
    await csv.saveAs(csvPath);
    const csvText = readFileSync(csvPath, 'utf8');
    assert.ok(csvText.includes('区发改委、区商务委'), 'the CSV has the corrected lead');
    assert.ok(csvText.includes('2026年6月底前'), 'and the corrected deadline');
    assert.ok(csvText.includes(ADDED), 'and the added measure');

    // 最近的分析 lists the plan
    assert.ok(await page.$('#recent li[data-hash]'), '最近的分析');

    assert.deepEqual(errors, [], 'no page errors');
    assertOwnRequests(requests, [server.url]);
  } finally {
    await context.close();
  }
});

test('a second tab with another plan keeps its own corrections; reopening the first brings its back', { timeout: 180000 }, async () => {
  const { context, page: tabA, errors } = await openPage(browser);
  try {
    await tabA.goto(server.url);
    await pasteAndAnalyze(tabA, PLAN_A);
    await tabA.click('#tab-tasks');
    await editCell(tabA, cell('m1', 'lead'), '区大数据中心');

    const tabB = await context.newPage();
    tabB.on('pageerror', (e) => errors.push(e.message));
    await tabB.goto(server.url);
    await waitForResults(tabB); // the shared draft: plan A, with its corrections
    assert.deepEqual(measure(await current(tabB), 'm1').lead, ['区大数据中心'], 'the same plan has the same corrections');
    await pasteAndAnalyze(tabB, PLAN_B);
    await tabB.click('#tab-tasks');
    assert.ok(!(await current(tabB)).measures.some((m) => m.edited), 'another plan starts uncorrected');
    await editCell(tabB, cell('m3', 'lead'), '县城管局');
    assert.deepEqual(measure(await current(tabB), 'm3').lead, ['县城管局']);
    assert.deepEqual(measure(await current(tabA), 'm1').lead, ['区大数据中心'], 'the first tab keeps its own');
    assert.ok(!(await current(tabA)).measures.some((m) => m.lead.includes('县城管局')));

    // reload the second tab: its plan and corrections
    await tabB.reload();
    await waitForResults(tabB);
    await tabB.waitForFunction(() => window.planlens.current()?.measures.some((m) => m.edited));
    assert.deepEqual(measure(await current(tabB), 'm3').lead, ['县城管局']);
    // reopen plan A from 最近的分析
    await tabB.click('#recent summary');
    const title = '某区推进数字经济发展实施方案';
    await tabB.click(`#recent button.recent-open:text-is("${title}")`);
    await tabB.waitForFunction(() => window.planlens.current()?.measures.length === 6
      && window.planlens.current().measures[0].edited);
    assert.deepEqual(measure(await current(tabB), 'm1').lead, ['区大数据中心']);
    assert.deepEqual(errors, [], 'no page errors');
  } finally {
    await context.close();
  }
});

test('a changed text: 已过期, then the corrections follow the measures that still match, the rest are listed', { timeout: 120000 }, async () => {
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(server.url);
    await pasteAndAnalyze(page, PLAN_B);
    await page.click('#tab-tasks');
    await editCell(page, cell('m2', 'support'), '县住建局、县水务局');
    await editCell(page, cell('m3', 'deadline'), '2025年底前');
    // the text changes: a new item first, and the 清理村庄环境 item reworded
    const changed = PLAN_B.replace('（三）', '（四）').replace('（二）', '（三）').replace('（一）', '（二）')
      .replace('一、工作任务\n', '一、工作任务\n（一）开展垃圾分类。(责任单位:县城管局)\n')
      .replace('清理村庄环境', '全面清理村庄环境');
    // After an analysis the paste box is folded to one line: open it first.
    const toggle = await page.$('#btn-input-toggle[aria-expanded="false"]');
    if (toggle) await toggle.click();
    await page.fill('#plan-text', changed);
    await page.waitForSelector('#stale');
    await page.click('#btn-analyze');
    await page.waitForSelector('#stale', { state: 'detached' });
    await page.waitForSelector('#lost-edits');
    const a = await current(page);
    const water = a.measures.find((m) => m.text.includes('生活污水'));
    assert.equal(water.id, 'm3', 'renumbered');
    assert.deepEqual(water.support, ['县住建局', '县水务局'], 'the correction followed the measure');
    assert.equal(water.edited, true);
    const lost = await page.textContent('#lost-edits');
    assert.ok(lost.includes('完成时限') && lost.includes('清理村庄环境'), `the edit of the reworded item is listed: ${lost}`);
    assert.ok(!a.measures.some((m) => m.deadline?.text === '2025年底前'));
    assert.deepEqual(errors, [], 'no page errors');
  } finally {
    await context.close();
  }
});

test('split a task at the cursor and merge it back; 不是指标; a target from a selection', { timeout: 120000 }, async () => {
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(server.url);
    await pasteAndAnalyze(page, PLAN_A);
    await page.click('#tab-tasks');
    const original = measure(await current(page), 'm1').text;
    const cut = original.indexOf('新建5G基站');
    assert.ok(cut > 0);
    await page.dblclick(cell('m1', 'task'));
    const field = `${cell('m1', 'task')} textarea.cell-edit`;
    await page.waitForSelector(field);
    await page.$eval(field, (t, at) => t.setSelectionRange(at, at), cut);
    await page.click('#btn-split');
    await page.waitForFunction(() => document.querySelectorAll('#task-table tbody tr').length === 7);
    let a = await current(page);
    const i = a.measures.findIndex((m) => m.id === 'm1');
    assert.equal(a.measures[i].text, original.slice(0, cut));
    assert.equal(a.measures[i + 1].text, original.slice(cut));
    assert.deepEqual(a.measures[i + 1].lead, a.measures[i].lead, 'the second part keeps the units');
    assert.ok(a.measures[i].edited && a.measures[i + 1].edited);
    await page.click(`${row('m1')} .row-merge`);
    await page.waitForFunction(() => document.querySelectorAll('#task-table tbody tr').length === 6);
    assert.equal(measure(await current(page), 'm1').text, original, 'merged back');

    // 不是指标, then a target from a passage
    await page.click('#tab-targets');
    await page.click('#target-table tr[data-target-id="t2"] .not-target');
    await page.waitForSelector('#target-table tr[data-target-id="t2"]', { state: 'detached' });
    assert.ok(await page.$('#removed-targets li[data-row-id="t2"]'), 'listed, restorable');
    assert.ok(!(await current(page)).targets.some((t) => t.id === 't2'));
    await page.click('#tab-source');
    await selectInSource(page, '新建5G基站500个');
    await page.click('#btn-add-target');
    // the worker reads the passage; the edit is recorded when it answers
    await page.waitForFunction(() => window.planlens.current().targets.some((x) => x.text === '新建5G基站500个'));
    a = await current(page);
    const t = a.targets.find((x) => x.text === '新建5G基站500个');
    assert.ok(t, 'the passage is a target');
    assert.equal(t.value, 500);
    assert.equal(t.unit, '个');
    assert.equal(t.measure, 'm1', 'it belongs to the task it is in');
    assert.equal(t.edited, true);

    // a passage the core reads a target in: the target is the worker's reading
    const GOAL = '到2025年,全区数字经济核心产业增加值达到120亿元';
    const alone = (await page.evaluate((p) => window.planlens.analyze(p), GOAL)).targets[0];
    assert.ok(alone, 'the core reads a target in the passage alone');
    const before = (await current(page)).targets.length;
    await selectInSource(page, GOAL);
    await page.click('#btn-add-target');
    await page.waitForFunction((n) => window.planlens.current().targets.length === n + 1, before);
    const reading = (x) => ({ indicator: x.indicator, value: x.value, value_max: x.value_max, unit: x.unit, comparator: x.comparator, year: x.year, year_basis: x.year_basis });
    const added = (await current(page)).targets.find((x) => x.text === GOAL && x.edited);
    assert.ok(added, 'added, marked edited');
    assert.deepEqual(reading(added), reading(alone));
    // undo, redo and a reload replay the stored edit: the same target
    await page.click('#btn-undo');
    await page.waitForFunction((n) => window.planlens.current().targets.length === n, before);
    await page.click('#btn-redo');
    await page.waitForFunction((n) => window.planlens.current().targets.length === n + 1, before);
    await page.waitForTimeout(500); // the corrections are written to IndexedDB asynchronously
    await page.reload();
    await waitForResults(page);
    await page.waitForFunction((n) => window.planlens.current() && window.planlens.current().targets.length === n + 1, before);
    const back = (await current(page)).targets.find((x) => x.text === GOAL && x.edited);
    assert.deepEqual(reading(back), reading(alone), 'the same target after a reload');
    assert.deepEqual(errors, [], 'no page errors');
  } finally {
    await context.close();
  }
});

/** The page's IndexedDB store (db planlens, store kv): every key with its value. */
const idbAll = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('planlens');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('kv')) { db.close(); resolve({}); return; }
    const store = db.transaction('kv').objectStore('kv');
    const keys = store.getAllKeys();
    const values = store.getAll();
    values.onsuccess = () => {
      db.close();
      resolve(Object.fromEntries(keys.result.map((k, i) => [String(k), values.result[i]])));
    };
  };
}));

/** Remove keys from that store (as if an earlier version had never written them). */
const idbDelete = (page, keys) => page.evaluate((keys) => new Promise((resolve, reject) => {
  const open = indexedDB.open('planlens');
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction('kv', 'readwrite');
    for (const k of keys) tx.objectStore('kv').delete(k);
    tx.oncomplete = () => { db.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
}), keys);

test('corrections, 最近的分析 and merged names are kept in IndexedDB; what an earlier version kept in localStorage is moved there', { timeout: 180000 }, async () => {
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(server.url);
    await pasteAndAnalyze(page, PLAN_A);
    await page.click('#tab-tasks');
    await editCell(page, cell('m1', 'lead'), '区大数据中心');
    await page.waitForFunction(async () => {
      const dbs = await indexedDB.databases();
      return dbs.some((d) => d.name === 'planlens');
    });
    let kept = {};
    for (let i = 0; i < 100; i++) {
      kept = await idbAll(page);
      if (Object.keys(kept).some((k) => k.startsWith('corrections/')) && kept.recent) break;
      await page.waitForTimeout(100);
    }
    const key = Object.keys(kept).find((k) => k.startsWith('corrections/'));
    assert.ok(key, 'the corrections are in IndexedDB');
    assert.ok(JSON.parse(kept[key]).edits.length >= 1);
    const hash = key.slice('corrections/'.length);
    assert.ok(String(kept[`text/${hash}`]).startsWith('某区推进数字经济发展实施方案'), 'the text kept for 最近的分析');
    assert.equal(JSON.parse(kept.recent)[0].hash, hash);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');

    // an earlier version's records, in localStorage only
    const aliases = { schema: 'planlens-aliases/1', aliases: [{ canonical: '区经济和信息化委员会', variants: ['区经信委'] }], rejected: [] };
    await idbDelete(page, [key, 'recent', `text/${hash}`, 'aliases']);
    await page.evaluate(({ hash, corrections, recent, aliases }) => {
      localStorage.setItem(`planlens.corrections.v1.${hash}`, corrections);
      localStorage.setItem('planlens.recent.v1', recent);
      localStorage.setItem('planlens.aliases.v1', aliases);
    }, { hash, corrections: kept[key], recent: kept.recent, aliases: JSON.stringify(aliases) });
    await page.reload();
    await waitForResults(page);
    await page.waitForFunction(() => window.planlens.current()?.measures.some((m) => m.edited));
    const a = await current(page);
    assert.deepEqual(measure(a, 'm1').lead, ['区大数据中心'], 'the moved corrections apply');
    await page.click('#tab-units');
    await page.waitForSelector('#alias-list .alias[data-canonical="区经济和信息化委员会"]');
    assert.ok((await current(page)).units.some((u) => u.name === '区经济和信息化委员会'), 'the moved merge applies');
    await page.waitForFunction(() => localStorage.length === 0);
    const moved = await idbAll(page);
    assert.equal(moved[key], kept[key], 'the corrections moved to IndexedDB');
    assert.ok(JSON.parse(moved.aliases).aliases.some((x) => x.canonical === '区经济和信息化委员会'));
    assert.ok(moved.recent, '最近的分析 moved');
    assert.deepEqual(errors, [], 'no page errors');
  } finally {
    await context.close();
  }
});
