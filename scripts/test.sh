#!/usr/bin/env bash
# Runs every test of planlens. Installs what is missing first (idempotent).
#   1. core + CLI: unit, fixture and property tests, and the corpus accuracy gate (score.py)
#   2. the core builds for wasm32
#   3. end-to-end tests of the built page in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== cargo test (core, CLI, corpus accuracy gate) =="
cargo test --locked

echo "== core builds for wasm32-unknown-unknown =="
cargo build --locked -p planlens-core --target wasm32-unknown-unknown

echo "== end-to-end tests (headless Chromium) =="
bash scripts/e2e.sh
