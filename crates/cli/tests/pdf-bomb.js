// Writes a one-page PDF whose FlateDecode content stream inflates to argv[3] MB of
// text operators (a few MB on disk): the hostile PDF of crates/cli/tests/hostile.rs
// and tests/e2e/reliability.test.mjs. With argv[4] = "paths", the operators draw
// lines instead (no text at all, so no text budget stops pdf.js reading them);
// "hex": the text stream deflated, then ASCIIHex-encoded ([/ASCIIHexDecode
// /FlateDecode]); "flate2": deflated twice ([/FlateDecode /FlateDecode]: the outer
// layer alone inflates to a few MB); "lzw": an LZWDecode stream of repeated "A"s (codes of up to
// 3 839 bytes each) giving argv[3] MB; "rle": a RunLengthDecode stream of runs of 128
// "A"s (2 bytes each) giving argv[3] MB.
const zlib = require('zlib'); const fs = require('fs');
const mb = Number(process.argv[3] || 1000);
const kind = process.argv[4] || 'text';
const line = kind === 'paths'
  ? Buffer.from('72 700 m 144 720 l 216 700 l 288 720 l 360 700 l 432 720 l 504 700 l S\n')
  : Buffer.from('BT /F1 12 Tf 72 700 Td (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n');
const chunk = Buffer.concat(Array(16384).fill(line));
const def = zlib.createDeflate({ level: 9 }); const parts = [];
def.on('data', (d) => parts.push(d));
/** PDF LZW (9–12-bit codes, EarlyChange 1) of `codes` codes: "A", then each new
 *  table entry at once (one "A" longer each), then the longest again and again. */
function lzwBomb(codes) {
  const out = []; let acc = 0; let have = 0; let bits = 9; let next = 258; let prev = -1;
  const emit = (code) => {
    acc = (acc << bits) | code; have += bits;
    while (have >= 8) { out.push((acc >>> (have - 8)) & 0xff); have -= 8; }
    acc &= (1 << have) - 1;
  };
  for (let i = 0; i < codes; i++) {
    const code = prev < 0 ? 65 : next < 4096 ? next : 4095;
    emit(code);
    if (prev >= 0 && next < 4096) next++;
    prev = code;
    if (next + 1 >= 1 << bits && bits < 12) bits++;
  }
  emit(257);
  if (have > 0) out.push((acc << (8 - have)) & 0xff);
  return Buffer.from(out);
}

let filter = '/FlateDecode';
def.on('end', () => {
  let stream = Buffer.concat(parts);
  if (kind === 'flate2') {
    stream = zlib.deflateSync(stream, { level: 9 });
    filter = '[/FlateDecode /FlateDecode]';
  } else if (kind === 'hex') {
    stream = Buffer.from(stream.toString('hex') + '>');
    filter = '[/ASCIIHexDecode /FlateDecode]';
  } else if (kind === 'lzw') {
    stream = lzwBomb(Math.ceil(mb * 1024 * 1024 / 3839) + 3838);
    filter = '/LZWDecode';
  } else if (kind === 'rle') {
    const runs = Math.ceil(mb * 1024 * 1024 / 128);
    stream = Buffer.alloc(runs * 2 + 1, 0x41);
    for (let i = 0; i < runs; i++) stream[2 * i] = 129;
    stream[runs * 2] = 128;
    filter = '/RunLengthDecode';
  }
  const objs = [];
  objs.push('<< /Type /Catalog /Pages 2 0 R >>');
  objs.push('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  objs.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>');
  objs.push(null);
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let out = [Buffer.from('%PDF-1.4\n')]; let off = out[0].length; const xref = [];
  objs.forEach((o, i) => {
    xref.push(off);
    const b = o === null
      ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} /Filter ${filter} >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')])
      : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`);
    out.push(b); off += b.length;
  });
  let x = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + xref.map((o) => String(o).padStart(10, '0') + ' 00000 n \n').join('');
  x += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${off}\n%%EOF\n`;
  out.push(Buffer.from(x));
  fs.writeFileSync(process.argv[2], Buffer.concat(out));
});
const n = kind === 'lzw' || kind === 'rle' ? 1 : Math.ceil(mb * 1024 * 1024 / chunk.length);
(function write(i) { while (i < n) { if (!def.write(chunk)) { def.once('drain', () => write(i + 1)); return; } i++; } def.end(); })(0);
