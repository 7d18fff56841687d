#!/usr/bin/env bash
# Browser benchmarks (wasm in headless Chromium): prints the figures recorded in
# docs/BENCHMARKS.md. Benchmarks assert only correctness, never a time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=600
scripts/setup.sh >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%F)"
run() { cargo test --release --target wasm32-unknown-unknown --locked "$@" -- --nocapture 2>&1 | grep -E 'BENCH|test result|panicked'; }
run -p mutasi-web --test bench_store
for t in crates/core/tests/wasm_bench*.rs crates/core/tests/plan_wasm_bench.rs; do
  [ -e "$t" ] && run -p mutasi-core --test "$(basename "$t" .rs)"
done
