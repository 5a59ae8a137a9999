#!/usr/bin/env bash
# Install what the web app's build and end-to-end tests need, skipping whatever is
# already there (a second run takes seconds). Only package registries are used:
# rustup's target, crates.io (Trunk, wasm-bindgen-cli), npm (binaryen = wasm-opt,
# playwright-core, pdfjs-dist), Debian apt (chromium, chromium-driver, a CJK font).
# Never a browser download (no `npx playwright install`).
#
#   scripts/setup.sh            everything (build + e2e)
#   scripts/setup.sh --build    only what building needs (no browser)
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_BROWSER=1
[ "${1:-}" = "--build" ] && WANT_BROWSER=0
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

# --- wasm target
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
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
if [ $WANT_BROWSER = 1 ]; then
  apt_install chromium chromium-driver fonts-wqy-microhei
fi
say "ok: trunk $(trunk --version | cut -d' ' -f2), wasm-bindgen $WB_VERSION, $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3)"
