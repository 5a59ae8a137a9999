// After pack.mjs (which reads the glue as wasm-bindgen wrote it, to embed it in
// planlens.html): minify the wasm-bindgen glue of the page, the worker and the
// export wasm in dist/ with terser. Exports keep their names (index.html, embed.js
// and src/worker.rs import them); only spaces, comments and local names go. The
// `integrity` hashes Trunk put on index.html's preload links are rewritten to match.
//
//   node scripts/minify.mjs [dist]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { minify } from 'terser';

export const GLUES = ['planlens-web.js', 'planlens-worker.js', 'planlens-export.js'];

export async function minifyGlue(dist) {
  let before = 0, after = 0;
  const indexFile = join(dist, 'index.html');
  let index = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  for (const name of GLUES) {
    const file = join(dist, name);
    if (!existsSync(file)) continue;
    const src = readFileSync(file, 'utf8');
    const out = await minify(src, { module: true, compress: true, mangle: true });
    if (!out.code || !/\bexport\s*\{[^}]*\bas default\b/.test(out.code)) {
      throw new Error(`minify: ${name} lost its default export (the wasm init)`);
    }
    writeFileSync(file, out.code);
    before += src.length; after += out.code.length;
    if (index !== null) {
      const sri = `sha384-${createHash('sha384').update(out.code, 'utf8').digest('base64')}`;
      index = index.replace(/<link\b[^>]*>/g, (tag) =>
        new RegExp(`href="?\\./${name.replace('.', '\\.')}"?[\\s>]`).test(tag)
          ? tag.replace(/integrity="?sha384-[A-Za-z0-9+/=]+"?/, `integrity="${sri}"`)
          : tag);
    }
  }
  if (index !== null) writeFileSync(indexFile, index);
  return { before, after };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const dist = process.argv[2] || 'dist';
  try {
    const s = await minifyGlue(dist);
    console.log(`minify: wasm-bindgen glue ${(s.before / 1024).toFixed(0)} KB → ${(s.after / 1024).toFixed(0)} KB`);
  } catch (e) {
    console.error(String(e.message || e));
    process.exit(1);
  }
}
