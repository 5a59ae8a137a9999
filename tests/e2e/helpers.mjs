// Shared helpers of the e2e tests: the browser (Debian chromium through
// playwright-core, never a downloaded one), the static server, the CLI's analysis
// to compare with, the network log, and a small zip reader for the XLSX export.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist');
export const CORPUS = resolve(ROOT, process.env.PLANLENS_CORPUS || '../shared/corpus/docs');
export const OUT = join(ROOT, 'tests/e2e/out');
export const SHOTS = join(ROOT, 'tests/e2e/screenshots');
mkdirSync(OUT, { recursive: true });
mkdirSync(SHOTS, { recursive: true });

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export function serve(port = 0) {
  return startServer(DIST, port, '127.0.0.1', { '/__e2e__/': join(ROOT, 'tests/e2e/fixtures') });
}

/** A page that records every request it makes (and its workers make). */
export async function openPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, ...opts });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, requests, errors };
}

/** Every request went to the page's own files: the given origins, file:, blob: or data:. */
export function assertOwnRequests(requests, origins) {
  const foreign = requests.filter((u) => !(u.startsWith('blob:') || u.startsWith('data:') || u.startsWith('file:')
    || origins.some((o) => u.startsWith(o))));
  assert.deepEqual(foreign, [], `requests beyond the page's own files: ${foreign.join(', ')}`);
}

const cliCache = new Map();
/** The CLI's plan-analysis/1 JSON for a file. */
export function cli(file) {
  if (!cliCache.has(file)) {
    const bin = process.env.PLANLENS_CLI || join(ROOT, 'target/release/planlens');
    assert.ok(existsSync(bin), `CLI not built: ${bin} (cargo build --release -p planlens-cli)`);
    let out;
    try {
      out = { ok: true, analysis: JSON.parse(execFileSync(bin, ['analyze', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 })) };
    } catch (e) {
      out = { ok: false, message: String(e.stderr || e.message) };
    }
    cliCache.set(file, out);
  }
  return cliCache.get(file);
}

export function corpusFiles() {
  return readdirSorted(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => join(CORPUS, f));
}
import { readdirSync } from 'node:fs';
function readdirSorted(d) { return readdirSync(d).sort(); }

/** The largest corpus plan. */
export function largestCorpusFile() {
  return corpusFiles().map((f) => [f, readFileSync(f).length]).sort((a, b) => b[1] - a[1])[0][0];
}

/** Wait until an analysis is on screen. */
export async function waitForResults(page, timeout = 30000) {
  await page.waitForSelector('#count-measures', { timeout });
  await page.waitForFunction(() => !document.querySelector('#progress'), null, { timeout });
}

export async function pasteAndAnalyze(page, text) {
  // After an analysis the paste box is folded to one line: open it first.
  const toggle = await page.$('#btn-input-toggle[aria-expanded="false"]');
  if (toggle) await toggle.click();
  await page.fill('#plan-text', text);
  await page.click('#btn-analyze');
  await waitForResults(page);
}

export async function counts(page) {
  return page.evaluate(() => Object.fromEntries(['measures', 'targets', 'units'].map((k) =>
    [k, Number(document.querySelector(`#count-${k} .n`).textContent)])));
}

/** Compare analyses except `source` (file name and encoding differ between paste and file). */
/** A plan's text as a textarea holds it after a paste: line ends as LF, which is also
 *  how the CLI's decoder reads a .txt file, so spans compare. */
export function planText(file) {
  return readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
}

export function withoutSource(a) {
  const { source, ...rest } = a;
  // span16 / note_span16: the JS API's UTF-16 spans, which the CLI does not print
  // (checked against the text in webui.test.mjs).
  return JSON.parse(JSON.stringify(rest, (k, v) => (k === 'span16' || k === 'note_span16' ? undefined : v)));
}

export async function taskRows(page) {
  return page.$$eval('#task-table tbody tr', (trs) => trs.map((tr) => {
    const td = tr.querySelectorAll('td');
    return {
      id: tr.id.replace(/^row-/, ''), n: Number(td[0].textContent), section: td[1].textContent,
      text: td[2].querySelector('.task-text').textContent, lead: td[3].textContent, support: td[4].textContent,
      deadline: td[5].textContent,
    };
  }));
}

export function expectedTaskRow(m, i) {
  return { id: m.id, n: i + 1, section: m.section, text: m.text, lead: m.lead.join('、'), support: m.support.join('、'),
    deadline: m.deadline ? m.deadline.text : '' };
}

// ---- zip reader (stored and deflated entries), for the XLSX export
export function unzip(buf) {
  const files = {};
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'not a zip file');
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < n; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const data = buf.subarray(local + 30 + lNameLen + lExtraLen, local + 30 + lNameLen + lExtraLen + csize);
    files[name] = method === 0 ? Buffer.from(data) : inflateRawSync(data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The shared strings of a workbook (xl/sharedStrings.xml), in order. */
export function sharedStrings(xml) {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((si) => [...si[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => unxml(t[1])).join(''));
}

/** Rows of a worksheet (inline strings, shared strings and numbers) as arrays of strings. */
export function sheetRows(xml, shared = []) {
  const rows = [];
  for (const r of xml.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const inner = c[3] || '';
      const t = inner.match(/<t[^>]*>([\s\S]*?)<\/t>/);
      const v = inner.match(/<v>([\s\S]*?)<\/v>/);
      cells[col] = t ? unxml(t[1]) : v ? (/\bt="s"/.test(c[2]) ? shared[Number(v[1])] ?? '' : v[1]) : '';
    }
    rows.push(Array.from(cells, (x) => x ?? ''));
  }
  return rows;
}

/** The rows of every sheet of an .xlsx, by sheet name. */
export function workbookSheets(buf) {
  const zip = unzip(buf);
  const shared = sharedStrings(zip['xl/sharedStrings.xml']?.toString('utf8'));
  const wb = zip['xl/workbook.xml'].toString('utf8');
  const names = [...wb.matchAll(/<sheet name="([^"]*)"/g)].map((m) => unxml(m[1]));
  return Object.fromEntries(names.map((n, i) => [n, sheetRows(zip[`xl/worksheets/sheet${i + 1}.xml`].toString('utf8'), shared)]));
}

/** A minimal .docx (one paragraph per line) made from text, for when no fixture exists. */
export function makeDocx(text) {
  const { crc32 } = require_zlib();
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = text.split('\n').map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`).join('');
  const entries = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`],
  ];
  const locals = []; const centrals = []; let offset = 0;
  for (const [name, content] of entries) {
    const nameBuf = Buffer.from(name); const data = Buffer.from(content); const crc = crc32(data);
    const lh = Buffer.alloc(30); lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(data.length, 18); lh.writeUInt32LE(data.length, 22); lh.writeUInt16LE(nameBuf.length, 26);
    const ch = Buffer.alloc(46); ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(data.length, 20); ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(nameBuf.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, nameBuf, data); centrals.push(ch, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22); end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
import * as zlib from 'node:zlib';
function require_zlib() {
  if (zlib.crc32) return zlib;
  const table = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  return { crc32: (buf) => { let c = 0xffffffff; for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; } };
}

/** Drop a file on the page as a user would (a DataTransfer with the file). */
export async function dropFile(page, name, bytes, mime = 'application/octet-stream') {
  await page.waitForSelector('.app');
  await page.evaluate(async ({ name, b64, mime }) => {
    const bin = atob(b64); const u = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([u], name, { type: mime }));
    const target = document.querySelector('.app');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, b64: Buffer.from(bytes).toString('base64'), mime });
}

/** The draft the page keeps in IndexedDB (src/drafts.rs: db planlens, store kv, the
 *  head record `draft` → `{ key }` → `{ text, name }`), or null. */
export async function idbDraft(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('planlens');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('kv')) { db.close(); resolve(null); return; }
      const store = db.transaction('kv').objectStore('kv');
      const head = store.get('draft');
      head.onsuccess = () => {
        if (!head.result) { db.close(); resolve(null); return; }
        const rec = store.get(head.result.key);
        rec.onsuccess = () => {
          const keys = store.getAllKeys();
          keys.onsuccess = () => {
            db.close();
            const r = rec.result || {};
            resolve({ text: r.text, name: r.name ?? null, drafts: keys.result.filter((k) => String(k).startsWith('draft/')).length });
          };
        };
      };
    };
  }));
}

/** Run `check` (an async function that asserts) until it passes, at most `ms`; then
 *  its last failure is the test's. For conditions reached asynchronously (a worker
 *  ending, a draft being written) that a fixed sleep would race under load. */
export async function eventually(check, ms = 15000) {
  const t0 = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() - t0 > ms) throw e;
    }
    await new Promise((res) => setTimeout(res, 100));
  }
}
