// planlens embed script: <script type="module" src=".../embed.js"></script>
//
//   <plan-lens></plan-lens>              compact view: paste box, counts, 任务/指标 tables
//   <plan-lens mode="app"></plan-lens>   the full app in an iframe (index.html?embed=1)
//
// Either way the element dispatches `planlens-analysis` (bubbles, composed) with
// the plan-analysis/1 object as `detail` after each analysis, and has a method
// `analyze(text)` returning a Promise of that object. Initial text can be given as
// the element's text content. The compact view exports its 任务分解表 as CSV and the
// analysis as JSON. Types: planlens.d.ts next to this file. Everything runs locally; the only files loaded are
// planlens-web.js / planlens-web_bg.wasm with the analysis worker's
// planlens-worker.js / planlens-worker_bg.wasm (compact) or index.html (app), all from
// the folder this script is served from.
const BASE = new URL('.', import.meta.url);
const PROTOCOL = 'planlens-embed/1';
/** How long `<plan-lens mode="app">` waits for its iframe to say it is ready. */
const READY_TIMEOUT_MS = 30000;
let apiPromise = null;

/** Load the wasm JS API into this page (once); resolves to window.planlens. */
export function loadPlanlens() {
  if (!apiPromise) {
    apiPromise = (async () => {
      if (globalThis.planlens && globalThis.planlens.analyze) return globalThis.planlens;
      const glueUrl = new URL('planlens-web.js', BASE).href;
      globalThis.__planlensGlueUrl = glueUrl;
      // The analysis worker (planlens-worker.js / _bg.wasm) is beside this script.
      globalThis.__planlensBase = BASE.href;
      const glue = await import(glueUrl);
      await glue.default({ module_or_path: new URL('planlens-web_bg.wasm', BASE) });
      return globalThis.planlens;
    })();
  }
  return apiPromise;
}

const STYLE = `
:host { display: block; font: 14px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #1f2937; border: 1px solid #d0d7de; border-radius: 8px; padding: 12px; background: #fff; }
textarea { width: 100%; box-sizing: border-box; min-height: 6em; font: inherit; border: 1px solid #c4ccd5; border-radius: 6px; padding: 6px; }
button { font: inherit; padding: 4px 14px; border-radius: 6px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; cursor: pointer; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.counts { margin: 8px 0; color: #374151; }
.counts b { font-size: 1.2em; color: #1d4ed8; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #e5e7eb; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: #f3f4f6; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
.scroll { max-height: 420px; overflow: auto; }
:host { container-type: inline-size; }
td.support { min-width: 8em; }
td.deadline { min-width: 6.5em; }
td.task { min-width: 14em; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
.actions button.secondary { background: #fff; color: #1d4ed8; }
/* a narrow host: one card per task, every cell labelled */
@container (max-width: 560px) {
  table.tasks, table.tasks tbody, table.tasks tr, table.tasks td { display: block; width: auto; min-width: 0; }
  table.tasks thead { display: none; }
  table.tasks tr { border: 1px solid #e5e7eb; border-radius: 6px; margin: 0 0 8px; }
  table.tasks td { border: 0; padding: 2px 8px; }
  table.tasks td[data-label]::before { content: attr(data-label) ":"; color: #6b7280; }
  table.tasks td:empty { display: none; }
}
.error { color: #b91c1c; }
iframe { width: 100%; height: 100%; min-height: 560px; border: 0; }
`;

function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = String(text); // never HTML
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function table(caption, headers, rows, opts = {}) {
  const t = el('table', null, opts.class ? { class: opts.class } : null);
  t.append(el('caption', caption));
  const thead = el('thead');
  const tr = el('tr');
  for (const h of headers) tr.append(el('th', h, { scope: 'col' }));
  thead.append(tr);
  const tbody = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    r.forEach((c, i) => {
      const attrs = {};
      if (opts.classes && opts.classes[i]) attrs.class = opts.classes[i];
      if (opts.labels) attrs['data-label'] = headers[i];
      row.append(el('td', c, attrs));
    });
    tbody.append(row);
  }
  t.append(thead, tbody);
  return t;
}

const fmt = (x) => (x == null ? '' : String(x));

/** A CSV cell: quoted when needed; a leading = + - @ tab or CR gets a ' so a
 *  spreadsheet never runs it as a formula (as the app's own CSV export). */
function csvCell(v) {
  let s = fmt(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const TASK_HEADERS = ['序号', '章节', '任务', '牵头单位', '配合单位', '完成时限'];
const taskRows = (a) => a.measures.map((m, i) => [i + 1, m.section, m.text, m.lead.join('、'), m.support.join('、'), m.deadline ? m.deadline.text : '']);

/** The 任务分解表 as CSV: UTF-8 with BOM and CRLF, so Excel opens it right. */
export function tasksCsv(a) {
  return '\ufeff' + [TASK_HEADERS, ...taskRows(a)].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', null, { href: url, download: name });
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const baseName = (a) => ((a.meta && a.meta.title) || '规划分析').replace(/[\\/:*?"<>|\r\n\t]/g, '_').slice(0, 60);
const COMPARATOR = { at_least: '不少于', at_most: '不超过', about: '左右', range: '区间', exact: '等于' };

class PlanLens extends HTMLElement {
  connectedCallback() {
    if (this._root) return;
    this._root = this.attachShadow({ mode: 'open' });
    const style = el('style', STYLE);
    this._root.append(style);
    const initial = this.textContent.trim();
    if (this.getAttribute('mode') === 'app') this._mountApp(initial);
    else this._mountCompact(initial);
  }

  _emit(analysis) {
    this.dispatchEvent(new CustomEvent('planlens-analysis', { detail: analysis, bubbles: true, composed: true }));
  }

  _mountCompact(initial) {
    const label = el('label', '粘贴规划或实施方案全文:');
    const ta = el('textarea');
    ta.value = initial;
    label.append(ta);
    const btn = el('button', '分析', { type: 'button' });
    this._out = el('div', null, { 'aria-live': 'polite' });
    btn.addEventListener('click', () => this.analyze(ta.value).catch(() => {}));
    this._root.append(label, btn, this._out);
    if (initial) this.analyze(initial).catch(() => {});
  }

  _render(a) {
    const out = this._out;
    out.replaceChildren();
    const counts = el('p', null, { class: 'counts' });
    counts.append(el('b', a.measures.length), ' 项任务 · ', el('b', a.targets.length), ' 个指标 · ', el('b', a.units.length), ' 个责任单位');
    const scroll = el('div', null, { class: 'scroll' });
    scroll.append(
      table('任务分解表', TASK_HEADERS, taskRows(a),
        { class: 'tasks', labels: true, classes: ['num', 'sec', 'task', 'lead', 'support', 'deadline'] }),
      table('指标表', ['指标', '目标值', '比较', '单位', '年份', '所在章节'],
        a.targets.map((t) => [t.indicator || t.text, t.value_max != null ? `${t.value}–${t.value_max}` : fmt(t.value), COMPARATOR[t.comparator] || t.comparator, t.unit, fmt(t.year), t.section])),
    );
    const actions = el('div', null, { class: 'actions', role: 'group', 'aria-label': '导出' });
    const csv = el('button', '导出任务 CSV', { type: 'button', class: 'secondary', part: 'export-csv' });
    csv.addEventListener('click', () => download(tasksCsv(a), `${baseName(a)}-任务分解表.csv`, 'text/csv;charset=utf-8'));
    const json = el('button', '导出 JSON', { type: 'button', class: 'secondary', part: 'export-json' });
    json.addEventListener('click', () => download(JSON.stringify(a, null, 2) + '\n', `${baseName(a)}.json`, 'application/json'));
    actions.append(csv, json);
    if (a.meta && a.meta.title) out.append(el('h3', a.meta.title));
    out.append(counts, actions, scroll);
  }

  _mountApp(initial) {
    const frame = el('iframe', null, { title: 'planlens 规划方案分析', src: new URL('index.html?embed=1', BASE).href });
    this._frame = frame;
    this._pending = new Map();
    this._ready = new Promise((resolve) => { this._onReady = resolve; });
    this._listener = (e) => {
      if (e.source !== frame.contentWindow || e.origin !== BASE.origin) return;
      const d = e.data;
      if (!d || d.protocol !== PROTOCOL) return;
      if (d.type === 'ready') this._onReady();
      const p = this._pending.get(d.id);
      if (!p) return;
      this._pending.delete(d.id);
      if (d.type === 'result') { this._emit(d.analysis); p.resolve(d.analysis); }
      else if (d.type === 'error') {
        const err = new Error(d.message);
        if (d.code) err.code = d.code;
        p.reject(err);
      }
    };
    window.addEventListener('message', this._listener);
    this.style.minHeight = this.style.minHeight || '600px';
    this._root.append(frame);
    if (initial) this.analyze(initial).catch(() => {});
  }

  disconnectedCallback() {
    if (this._listener) window.removeEventListener('message', this._listener);
  }

  /** Analyse text; resolves to the plan-analysis/1 object and emits `planlens-analysis`.
   *  In app mode it rejects (never hangs) when the iframe is not ready in time or
   *  refuses this page's origin (error.code `origin_not_allowed`). */
  async analyze(text) {
    if (this._frame) {
      let timer;
      const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(
          new Error(`planlens 嵌入页面在 ${READY_TIMEOUT_MS / 1000} 秒内没有就绪:请检查 ${BASE.href}index.html 能否打开。`),
          { code: 'not_ready' })), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([this._ready, late]);
      } finally {
        clearTimeout(timer);
      }
      const id = Math.random().toString(36).slice(2);
      return new Promise((resolve, reject) => {
        this._pending.set(id, { resolve, reject });
        this._frame.contentWindow.postMessage({ protocol: PROTOCOL, type: 'analyze', id, text: String(text) }, BASE.origin);
      });
    }
    try {
      const api = await loadPlanlens();
      const analysis = await api.analyze(String(text));
      this._render(analysis);
      this._emit(analysis);
      return analysis;
    } catch (err) {
      this._out.replaceChildren(el('p', `分析失败:${err && err.message ? err.message : err}`, { class: 'error', role: 'alert' }));
      throw err;
    }
  }
}

if (!customElements.get('plan-lens')) customElements.define('plan-lens', PlanLens);
