#!/usr/bin/env bash
# Runs every test of planlens. Installs what is missing first (idempotent); the
# cargo layers need no browser, Trunk or npm build tools.
#   1. formatting and clippy (native, and the web package for wasm32)
#   2. cargo tests: core, export, web state/protocol, CLI, the corpus accuracy gate
#   3. the core builds for wasm32
#   4. end-to-end tests of the built page in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --cargo

echo "== cargo fmt --check =="
cargo fmt --all --check

echo "== cargo clippy (native, all targets) =="
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo clippy (web app and worker for wasm32) =="
cargo clippy -p planlens-web --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

echo "== cargo test (core, export, web, CLI, corpus accuracy gate) =="
cargo test --workspace --locked

echo "== core builds for wasm32-unknown-unknown =="
cargo build --locked -p planlens-core --target wasm32-unknown-unknown

echo "== end-to-end tests (headless Chromium) =="
bash scripts/e2e.sh
