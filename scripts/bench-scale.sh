#!/usr/bin/env bash
# The large-instansi benchmarks of issue 21 (docs/BENCHMARKS.md, "A 100,000-ASN instansi"):
# an instansi of SCALE regions of the demo city (`mutasi demo --scale`, `serve --demo-scale`;
# 5 ≈ 97,000 ASN), measured natively, on the server over loopback and in headless Chromium:
#
#   drawing it              `mutasi demo --scale N` (draw + write the JSON), wall time
#   native plan             criterion, `cargo bench -p mutasi-core --bench plan_scaled`
#   server pull and push    e2e/bench/sync-scale.mjs (the app's pages, brotli; server memory)
#   first sync in Chromium  e2e/bench/sync-browser.mjs (IndexedDB write and read, JS heap)
#   plan in Chromium        e2e/bench/plan-run.mjs N (press Run → reviewed plan)
#
#   scripts/bench-scale.sh                 # scale 5: builds the release server and app first
#   SCALE=2 scripts/bench-scale.sh         # another scale
#   SKIP_BUILD=1 scripts/bench-scale.sh    # use target/release/mutasi and dist/ as they are
#   ONLY="native server" scripts/bench-scale.sh   # some parts: native server browser plan
#
# Needs: the Rust toolchain, trunk (scripts/setup.sh), node with e2e/node_modules
# (`cd e2e && npm ci --offline`), Debian's Chromium. Heavy steps run under `nice -n 10`.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-5}
ONLY=${ONLY:-native server browser plan}
export CARGO_INCREMENTAL=0
export MUTASI_DEMO_SCALE=$SCALE
BIN=${MUTASI_BIN:-target/release/mutasi}
export MUTASI_BIN=$BIN

if [ -z "${SKIP_BUILD:-}" ]; then
  nice -n 10 cargo build --release -p mutasi-server --locked >&2
  if [[ $ONLY == *browser* || $ONLY == *plan* ]]; then nice -n 10 trunk build --release >&2; fi
fi
[ -d e2e/node_modules ] || (cd e2e && npm ci --offline >&2)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log="$out/figures"
: >"$log"
run() { # $1 = part, rest = command; keeps BENCH and FIGURE lines
  echo "== $1" >&2
  "${@:2}" 2>&1 | tee -a "$out/$1.log" | grep -E '^(BENCH|FIGURE|scale |[a-z_]+/)|time:' >&2 || true
  grep '^FIGURE ' "$out/$1.log" | sed 's/^FIGURE //' >>"$log" || true
}

if [[ $ONLY == *native* ]]; then
  start=$(date +%s%N)
  nice -n 10 "$BIN" demo --scale "$SCALE" --out "$out/demo.json" >&2
  awk -v ns=$(($(date +%s%N) - start)) 'BEGIN {printf "demo_cli_s=%.1f\n", ns / 1e9}' >>"$log"
  echo "demo_json_mb=$(($(stat -c %s "$out/demo.json") / 1000000))" >>"$log"
  rm -f "$out/demo.json"
  run native env MUTASI_BENCH_SCALE="$SCALE" nice -n 10 \
    cargo bench -p mutasi-core --bench plan_scaled --locked -- --noplot
  # criterion: "plan_scaled/NAME" then "time:   [low median high]"; keep the median.
  # (the name and the time share a line when the name is short).
  awk '/^plan_scaled\//{name=$1; sub("plan_scaled/","",name); sub(/_x[0-9]+$/,"",name)}
       /time:/ && name {gsub(/[\[\]]/,""); for (i = 1; i <= NF; i++) if ($i == "time:") t = i
                        print "native_" name "=" $(t + 3) " " $(t + 4); name=""}' \
    "$out/native.log" >>"$log"
fi
if [[ $ONLY == *server* ]]; then run server node e2e/bench/sync-scale.mjs "$SCALE"; fi
if [[ $ONLY == *browser* ]]; then run browser node e2e/bench/sync-browser.mjs "$SCALE"; fi
if [[ $ONLY == *plan* ]]; then run plan node e2e/bench/plan-run.mjs "$SCALE"; fi

fig() { awk -F= -v k="$1" '$1 == k {v=$2} END {print (v == "" ? "–" : v)}' "$log"; }
row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3"; }
echo
echo "Instansi of scale $SCALE, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%F %H:%M UTC')"
echo
echo "| figure | measured | goal |"
echo "|---|---|---|"
row "draw + write the instansi (\`mutasi demo --scale $SCALE\`)" "$(fig demo_cli_s) s, $(fig demo_json_mb) MB JSON" "—"
row "draw it (criterion, median)" "$(fig native_generate)" "—"
row "index it (\`Dataset::new\`, criterion, median)" "$(fig native_index)" "—"
row "native plan, whole instansi (criterion, median)" "$(fig native_whole_instansi)" "≤ 1.5 s"
row "plan in Chromium, press Run → reviewed plan (3 runs in a row)" "$(fig plan_runs_ms) ms" "≤ 3 s"
row "same, first run 5 s after opening the page" "$(fig plan_later_ms) ms" "≤ 3 s"
row "longest main-thread task while a plan runs and arrives" "$(fig plan_longest_task_ms) ms" "—"
row "server start with \`--demo\` (draw, import, accounts)" "$(fig seed_s) s" "—"
row "initial pull over loopback HTTP, \`perencana-kota\` (records, br / JSON)" "$(fig pull_city_s) s ($(fig pull_city_records), $(fig pull_city_wire_mb) / $(fig pull_city_json_mb) MB)" "≤ 10 s"
row "… of which this client's brotli + JSON.parse" "$(fig pull_city_decode_s) s" "—"
row "same pull again (warm) / uncompressed" "$(fig pull_city_warm_s) / $(fig pull_city_identity_s) s" "—"
row "initial pull, OPD planner \`perencana\` (records)" "$(fig pull_opd_s) s ($(fig pull_opd_records))" "—"
row "push, 1 \`propose_move\` per request: median / max" "$(fig push_median_ms) / $(fig push_max_ms) ms" "—"
row "push, 50 ops in one request" "$(fig push_batch50_ms) ms" "—"
row "server memory: resident now / peak" "$(fig server_rss_mb) / $(fig server_peak_mb) MB" "—"
row "initial sync in Chromium, log in → synced, \`perencana-kota\`" "$(fig browser_sync_s) s" "≤ 10 s"
row "… inside the pull requests (server + loopback)" "$(fig browser_in_requests_s) s" "—"
row "… between them (decode + IndexedDB write)" "$(fig browser_between_s) s" "—"
row "IndexedDB read of the city on a reload (\`mutasi:read-city\`) / index it" "$(fig read_city_ms) / $(fig index_city_ms) ms" "—"
row "browser JS heap after the sync / after the reload" "$(fig heap_synced_mb) / $(fig heap_read_mb) MB" "—"
row "array buffers (wasm memory) after the sync / after the reload" "$(fig buffers_synced_mb) / $(fig buffers_read_mb) MB" "—"
row "browser processes resident after the reload: all / largest" "$(fig browser_rss_mb) / $(fig renderer_rss_mb) MB" "—"
