// wasm (Node's V8, the engine of Chromium) against native for the analysis, per plan,
// in one run. Usage (benches/wasm/run.sh builds the inputs):
//   node run.mjs NATIVE_BIN DIR…   (each DIR: wasm-bindgen --target nodejs output)
// Each plan of ../shared/corpus/docs (PLANLENS_CORPUS to change) is analysed ROUNDS
// times (default 7) after one warm-up; the median CPU time per plan is kept; PASSES
// (default 3) passes of native then every wasm build. Prints, for each wasm build: its
// size (raw and gzip), the corpus total in ms, the total wasm/native ratio and the
// median of the per-plan ratios (medians over the passes).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { join, resolve, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(process.env.PLANLENS_CORPUS ?? join(here, "../../../shared/corpus"), "docs");
const rounds = Number(process.env.ROUNDS ?? 7);
const [native, ...wasms] = process.argv.slice(2);
if (!native || wasms.length === 0) {
  console.error("usage: node run.mjs NATIVE_BIN DIR…");
  process.exit(2);
}
const files = readdirSync(corpus)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => join(corpus, f));

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const require = createRequire(import.meta.url);

function runWasm(dir) {
  const w = require(join(resolve(dir), "planlens_wasm_bench.js"));
  const out = new Map();
  for (const f of files) {
    const bytes = readFileSync(f);
    const found = w.analyze(bytes);
    const times = [];
    for (let r = 0; r < rounds; r++) {
      const t = cpuMs();
      w.analyze(bytes);
      times.push(cpuMs() - t);
    }
    out.set(f, { ms: median(times), found });
  }
  return out;
}

const runNative = () =>
  new Map(
    execFileSync(native, [String(rounds), ...files], { encoding: "utf8", maxBuffer: 1 << 24 })
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .map((r) => [r.file, r]),
  );
const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
const total = (run) => files.reduce((s, f) => s + run.get(f).ms, 0);
// Passes of native then each wasm build, one after the other, so that a change of load
// on the machine touches both sides; the ratios are the medians over the passes.
const passes = Number(process.env.PASSES ?? 3);
const results = wasms.map(() => ({ total: [], perPlan: [], ms: [] }));
const nativeMs = [];
for (let pass = 0; pass < passes; pass++) {
  const nat = runNative();
  nativeMs.push(total(nat));
  wasms.forEach((dir, k) => {
    const res = runWasm(dir);
    for (const f of files) {
      if (res.get(f).found !== nat.get(f).found) {
        console.error(`${basename(f)}: wasm found ${res.get(f).found}, native ${nat.get(f).found}`);
        process.exit(1);
      }
    }
    results[k].ms.push(total(res));
    results[k].total.push(total(res) / total(nat));
    results[k].perPlan.push(median(files.map((f) => res.get(f).ms / nat.get(f).ms)));
  });
}
const nat = median(nativeMs);
console.log(
  `${files.length} plans, ${(bytes / 1024).toFixed(0)} KB; ${passes} passes of ${rounds} rounds, ` +
    `median CPU time per plan; medians over the passes`,
);
console.log(`native: ${nat.toFixed(1)} ms (${(bytes / 1048576 / (nat / 1000)).toFixed(1)} MiB/s)`);
wasms.forEach((dir, k) => {
  const raw = readFileSync(join(dir, "planlens_wasm_bench_bg.wasm"));
  const r = results[k];
  console.log(
    `opt-level ${basename(dir)}: ${(raw.length / 1024).toFixed(0)} KB (gzip ${(gzipSync(raw).length / 1024).toFixed(0)} KB), ` +
      `${median(r.ms).toFixed(1)} ms, wasm/native ${median(r.total).toFixed(2)} total, ` +
      `${median(r.perPlan).toFixed(2)} median per plan (passes: ${r.total.map((x) => x.toFixed(2)).join(" ")})`,
  );
});
