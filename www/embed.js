// planlens embed script: <script type="module" src=".../embed.js"></script>
//
//   <plan-lens></plan-lens>              compact view: paste box, counts, 任务/指标 tables
//   <plan-lens mode="app"></plan-lens>   the full app in an iframe (index.html?embed=1)
//
// Either way the element dispatches `planlens-analysis` (bubbles, composed) with
// the plan-analysis/1 object as `detail` after each analysis, and has a method
// `analyze(text)` returning a Promise of that object. Initial text can be given as
// the element's text content. Everything runs locally; the only files loaded are
// planlens-web.js / planlens-web_bg.wasm (compact) or index.html (app), all from
// the folder this script is served from.
const BASE = new URL('.', import.meta.url);
const PROTOCOL = 'planlens-embed/1';
let apiPromise = null;

/** Load the wasm JS API into this page (once); resolves to window.planlens. */
export function loadPlanlens() {
  if (!apiPromise) {
    apiPromise = (async () => {
      if (globalThis.planlens && globalThis.planlens.analyze) return globalThis.planlens;
      const glueUrl = new URL('planlens-web.js', BASE).href;
      globalThis.__planlensGlueUrl = glueUrl;
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
.error { color: #b91c1c; }
iframe { width: 100%; height: 100%; min-height: 560px; border: 0; }
`;

function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = String(text); // never HTML
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function table(caption, headers, rows) {
  const t = el('table');
  t.append(el('caption', caption));
  const thead = el('thead');
  const tr = el('tr');
  for (const h of headers) tr.append(el('th', h, { scope: 'col' }));
  thead.append(tr);
  const tbody = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    for (const c of r) row.append(el('td', c));
    tbody.append(row);
  }
  t.append(thead, tbody);
  return t;
}

const fmt = (x) => (x == null ? '' : String(x));
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
      table('任务分解表', ['序号', '章节', '任务', '牵头单位', '配合单位', '完成时限'],
        a.measures.map((m, i) => [i + 1, m.section, m.text, m.lead.join('、'), m.support.join('、'), m.deadline ? m.deadline.text : ''])),
      table('指标表', ['指标', '目标值', '比较', '单位', '年份', '所在章节'],
        a.targets.map((t) => [t.indicator || t.text, t.value_max != null ? `${t.value}–${t.value_max}` : fmt(t.value), COMPARATOR[t.comparator] || t.comparator, t.unit, fmt(t.year), t.section])),
    );
    if (a.meta && a.meta.title) out.append(el('h3', a.meta.title));
    out.append(counts, scroll);
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
      else if (d.type === 'error') p.reject(new Error(d.message));
    };
    window.addEventListener('message', this._listener);
    this.style.minHeight = this.style.minHeight || '600px';
    this._root.append(frame);
    if (initial) this.analyze(initial).catch(() => {});
  }

  disconnectedCallback() {
    if (this._listener) window.removeEventListener('message', this._listener);
  }

  /** Analyse text; resolves to the plan-analysis/1 object and emits `planlens-analysis`. */
  async analyze(text) {
    if (this._frame) {
      await this._ready;
      const id = Math.random().toString(36).slice(2);
      return new Promise((resolve, reject) => {
        this._pending.set(id, { resolve, reject });
        this._frame.contentWindow.postMessage({ protocol: PROTOCOL, type: 'analyze', id, text: String(text) }, BASE.origin);
      });
    }
    try {
      const api = await loadPlanlens();
      const analysis = api.analyze(String(text));
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
