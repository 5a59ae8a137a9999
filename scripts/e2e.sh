#!/usr/bin/env bash
# End-to-end tests of the web app in headless Debian Chromium (playwright-core).
# Installs what is missing (scripts/setup.sh), builds when the sources are newer
# than dist/planlens.html, runs tests/e2e/*.test.mjs with node's test runner, and
# ends with "N passed, N failed". Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Everything dist/ is built from: the crates the wasm links, the Trunk inputs, the
# npm files it copies, and the build and packing scripts. Directories count too, so
# a deleted source file triggers a build.
BUILD_INPUTS=(src www crates/core/src crates/core/Cargo.toml crates/export crates/export-xlsx index.html Trunk.toml
  Cargo.toml Cargo.lock package.json package-lock.json tools/pdf-items.mjs
  scripts/pack.mjs scripts/minify.mjs scripts/compress.mjs scripts/run.sh scripts/setup.sh)
if [ ! -f dist/planlens.html ] || [ -n "$(find "${BUILD_INPUTS[@]}" -newer dist/planlens.html -print -quit)" ]; then
  scripts/run.sh --build-only
fi
# The tests compare with the CLI's analysis: build it once, up front.
cargo build --release -p planlens-cli --quiet
export PLANLENS_CLI="${PLANLENS_CLI:-${CARGO_TARGET_DIR:-$ROOT/target}/release/planlens}"

mkdir -p tests/e2e/out tests/e2e/screenshots
LOG=tests/e2e/out/e2e.tap
set +e
node --test --test-concurrency=1 --test-reporter=tap tests/e2e/*.test.mjs 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e
PASS=$(grep -E '^# pass [0-9]+' "$LOG" | tail -1 | awk '{print $3}')
FAIL=$(grep -E '^# fail [0-9]+' "$LOG" | tail -1 | awk '{print $3}')
echo "${PASS:-0} passed, ${FAIL:-0} failed"
if [ "$STATUS" -ne 0 ] || [ "${FAIL:-1}" != 0 ] || [ "${PASS:-0}" = 0 ]; then exit 1; fi
