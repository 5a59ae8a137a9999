#!/usr/bin/env bash
# The one "run" command: install what is missing, build the web app, pack the
# single-file copy, serve dist/ on 127.0.0.1 and print the URL and the path of
# dist/planlens.html.
#
#   scripts/run.sh [--build-only] [--port N]
#   PLANLENS_WEB_TARGET=dir   cargo target dir for the wasm build (default target/web)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SERVE=1
PORT=${PORT:-8080}
usage() { echo "usage: scripts/run.sh [--build-only] [--port N]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) SERVE=0 ;;
    --port)
      [ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] || usage
      PORT=$2; shift ;;
    *) usage ;;
  esac
  shift
done

scripts/setup.sh --build
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk runs cargo with --offline (Trunk.toml), so fetch first.
cargo fetch --locked
export CARGO_TARGET_DIR="${PLANLENS_WEB_TARGET:-$ROOT/target/web}"
echo "[run] trunk build --release"
trunk build --release --skip-version-check
node scripts/pack.mjs dist
# After pack (planlens.html embeds the glue as wasm-bindgen wrote it).
node scripts/minify.mjs dist
# FILE.gz and FILE.br beside each file, served by tests/e2e/server.mjs.
node scripts/compress.mjs dist

# Sizes as served: the precompressed FILE.gz (zopfli) where there is one.
gz() { if [ -f "$1.gz" ]; then wc -c < "$1.gz"; else gzip -9c "$1" | wc -c; fi; }
WASM_GZ=$(gz dist/planlens-web_bg.wasm); JS_GZ=$(gz dist/planlens-web.js); CSS_GZ=$(gz dist/style.css); HTML_GZ=$(gz dist/index.html)
echo "[run] first load (gzip): wasm $((WASM_GZ / 1024)) KB + js $((JS_GZ / 1024)) KB + css $((CSS_GZ / 1024)) KB + html $((HTML_GZ / 1024)) KB = $(((WASM_GZ + JS_GZ + CSS_GZ + HTML_GZ) / 1024)) KB"
echo "[run] analysis worker, fetched after the page is shown (gzip): wasm $(( $(gz dist/planlens-worker_bg.wasm) / 1024 )) KB + js $(( $(gz dist/planlens-worker.js) / 1024 )) KB"
echo "[run] Excel export wasm, fetched only on the first Excel export (gzip): wasm $(( $(gz dist/planlens-export_bg.wasm) / 1024 )) KB + js $(( $(gz dist/planlens-export.js) / 1024 )) KB"
echo "[run] planlens.html: $(( $(wc -c < dist/planlens.html) / 1024 )) KB ($(( $(gz dist/planlens.html) / 1024 )) KB gzip)"
[ $SERVE = 1 ] || exit 0

# first free port from $PORT up
for p in $(seq "$PORT" $((PORT + 50))); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
echo
echo "  planlens:     http://127.0.0.1:$PORT/"
echo "  single file:  $ROOT/dist/planlens.html   (open it from disk, or copy it anywhere)"
echo "  (Ctrl-C stops the server)"
exec node tests/e2e/server.mjs dist "$PORT"
