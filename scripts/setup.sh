#!/usr/bin/env bash
# Install what the tests and the web app's build need, skipping whatever is already
# there (a second run takes seconds). Only package registries are used: rustup's
# target and components, crates.io (Trunk, wasm-bindgen-cli), npm (pdfjs-dist,
# binaryen = wasm-opt, playwright-core), Debian apt (chromium, chromium-driver, a
# CJK font). Never a browser download (no `npx playwright install`).
#
#   scripts/setup.sh --cargo    the cargo tests: wasm target, rustfmt, clippy, pdf.js
#                               for the PDF fixtures (no Trunk, no browser)
#   scripts/setup.sh --build    + building the web app: Trunk, wasm-bindgen-cli, npm
#   scripts/setup.sh            + the end-to-end tests: Debian chromium
set -euo pipefail
cd "$(dirname "$0")/.."

LAYER=e2e
case "${1:-}" in
  --cargo) LAYER=cargo ;;
  --build) LAYER=build ;;
  "") ;;
  *) echo "usage: scripts/setup.sh [--cargo | --build]" >&2; exit 2 ;;
esac
TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

APT_UPDATED=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt: installing ${missing[*]}"
  if [ $APT_UPDATED = 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- node / npm (the image has node 20; Debian's nodejs + npm otherwise)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# --- wasm target (the core and the web package are checked for it), fmt, clippy
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "rustup: adding $component"
    rustup component add "$component"
  fi
done

# --- pdf.js for the CLI and the PDF fixture tests (tools/pdf-text.mjs)
if [ ! -d tools/node_modules/pdfjs-dist ] && [ ! -d node_modules/pdfjs-dist ]; then
  say "npm: installing tools/ (pdfjs-dist)"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi
if [ $LAYER = cargo ]; then
  say "ok: cargo layer ($(rustc --version | cut -d' ' -f1-2), wasm32 target, rustfmt, clippy, pdf.js)"
  exit 0
fi

# --- Trunk 0.21.14 (0.22 needs a newer rustc than the machine has)
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "cargo: installing trunk $TRUNK_VERSION (~8 min on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen-cli: exactly the wasm-bindgen version in Cargo.lock, and
# installed WITHOUT --locked (its own lockfile pins a crate version crates.io lacks)
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then echo "[setup] wasm-bindgen not found in Cargo.lock" >&2; exit 1; fi
if ! grep -q "wasm_bindgen = \"$WB_VERSION\"" Trunk.toml; then
  echo "[setup] Trunk.toml [tools] wasm_bindgen must be \"$WB_VERSION\" (the Cargo.lock version)" >&2; exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  say "cargo: installing wasm-bindgen-cli $WB_VERSION (~4 min)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# --- npm packages (binaryen 132 = wasm-opt, playwright-core, pdfjs-dist)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ ! -x node_modules/.bin/wasm-opt ]; then
  say "npm: installing dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- browser for the e2e tests: Debian chromium + driver + a CJK font
if [ $LAYER = e2e ]; then
  apt_install chromium chromium-driver fonts-wqy-microhei
fi
say "ok: trunk $(trunk --version | cut -d' ' -f2), wasm-bindgen $WB_VERSION, $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3)"
