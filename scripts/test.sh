#!/usr/bin/env bash
# Sets up the tools (idempotently) and runs every check and test suite of the project:
#   formatting, clippy (native and wasm), native tests of all crates, the wasm-bindgen-test
#   suites in headless Chromium, and the end-to-end tests (real server + real Chromium), with a
#   real SQLite and a real PostgreSQL (installed and started on loopback when missing).
# Ends with one summary line: "Summary: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
export CARGO_TERM_COLOR=never
# The e2e tests start the release server binary; follow CARGO_TARGET_DIR if it is set.
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
export MUTASI_BIN=${MUTASI_BIN:-$target_dir/release/mutasi}
# Disk: no incremental caches (each run builds from a clean state in CI anyway), and a step's
# build folder is removed once no later step needs it when the disk has less than
# MUTASI_PRUNE_BELOW_GIB free (default 40). A CI run once failed with a full disk.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
prune_below=${MUTASI_PRUNE_BELOW_GIB:-40}

scripts/setup.sh || { echo "Summary: 0 passed, 1 failed (setup)"; exit 1; }
# PostgreSQL on loopback for the server's story tests (installed and started when missing).
MUTASI_TEST_POSTGRES_URL=$(scripts/postgres.sh) || { echo "Summary: 0 passed, 1 failed (postgres)"; exit 1; }
export MUTASI_TEST_POSTGRES_URL

logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT
failed_steps=()
step=0

# free_gib: whole GiB free on the disk that holds the build folder.
free_gib() {
  mkdir -p "$target_dir"
  df -Pk "$target_dir" | awk 'NR==2 {print int($4 / 1048576)}'
}
# prune DIR: removes a build folder no later step uses, when the disk is getting full.
prune() {
  local free; free=$(free_gib)
  if [ "$free" -lt "$prune_below" ]; then
    printf '(disk: %s GiB free, removing %s: %s)\n' "$free" "$1" "$(du -sh "$1" 2>/dev/null | cut -f1)"
    rm -rf "$1"
  fi
}

# run NAME CMD...: runs a step, keeps its output for counting, records a failure.
run() {
  local name=$1; shift
  step=$((step + 1))
  local log="$logdir/$(printf '%02d' "$step")-$name.log"
  printf '\n=== %s: %s\n' "$name" "$*"
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  printf '=== %s: exit %s in %ss (build folder %s, disk %s GiB free)\n' "$name" "$rc" \
    "$((SECONDS - start))" "$(du -sh "$target_dir" 2>/dev/null | cut -f1)" "$(free_gib)"
  [ "$rc" -eq 0 ] || failed_steps+=("$name")
}

run fmt cargo fmt --all --check
run clippy-native cargo clippy -p mutasi-core -p mutasi-server --all-targets --locked -- -D warnings
run clippy-wasm cargo clippy -p mutasi-web --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
run core-wasm-build cargo build -p mutasi-core --target wasm32-unknown-unknown --locked
run test-native cargo test -p mutasi-core -p mutasi-server --locked --no-fail-fast
prune "$target_dir/debug"
echo "(the next suites run in headless Chromium through wasm-bindgen-test-runner and chromedriver)"
run test-wasm-core cargo test -p mutasi-core --target wasm32-unknown-unknown --locked --test wasm_core
run test-wasm-app cargo test -p mutasi-web --target wasm32-unknown-unknown --locked --lib --test app_shell --test store --test locale_words --test 'pages_*'
prune "$target_dir/wasm32-unknown-unknown/debug"
run build-app trunk build --release
run build-server cargo build --release -p mutasi-server --locked
echo "(end-to-end: mutasi serve + Debian Chromium driven by playwright-core)"
run test-e2e bash -c 'cd e2e && npm test'

# Count tests: cargo/wasm-bindgen-test "test result:" lines and node's TAP "# pass/# fail".
passed=0; failed=0
for log in "$logdir"/*.log; do
  while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
    sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' "$log")
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1); failed=$((failed + ${f:-0}))
done
echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "Failed steps: ${failed_steps[*]}"
  [ "$failed" -gt 0 ] || failed=${#failed_steps[@]}
fi
echo "Summary: $passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
