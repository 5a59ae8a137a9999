#!/bin/bash
# wasm against native for the analysis, per corpus plan, in one run:
#   bash benches/wasm/run.sh            # builds, then node benches/wasm/run.mjs
# Builds this crate for wasm32 at opt-level "z", "s" and 3 (profiles wasm-z, wasm-s,
# wasm-3, each then through wasm-opt at the same level, as Trunk does) and natively
# (release, as the CLI), then times both over ../shared/corpus/docs. Needs the
# wasm32 target, the wasm-bindgen CLI and node_modules/.bin/wasm-opt (npm ci).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# The bench is a workspace of its own: its target folder is here unless one is set.
target="${CARGO_TARGET_DIR:-$here/target}"
out="$target/wasm-bench"
mkdir -p "$out"
cd "$here"
wasm_opt="$root/node_modules/.bin/wasm-opt"
for level in z s 3; do
  cargo build --quiet --profile "wasm-$level" --target wasm32-unknown-unknown --lib
  src="$target/wasm32-unknown-unknown/wasm-$level/planlens_wasm_bench.wasm"
  # As Trunk: wasm-bindgen, then wasm-opt at the profile's level over its output.
  wasm-bindgen --target nodejs --no-typescript --out-dir "$out/$level" "$src"
  bg="$out/$level/planlens_wasm_bench_bg.wasm"
  if [ -x "$wasm_opt" ]; then
    "$wasm_opt" "-O$level" --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types "$bg" -o "$bg"
  else
    echo "wasm-opt not found (npm ci first): timing wasm-bindgen's output as it is" >&2
  fi
done
cargo build --quiet --release --bin native
node "$here/run.mjs" "$target/release/native" "$out"/{z,s,3}
