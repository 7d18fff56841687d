#!/usr/bin/env bash
# Loading a whole city (docs/BENCHMARKS.md, "Loading real data"): the demo city (19,392
# employees) written as a workbook, loaded into an empty SQLite database, loaded again (nothing
# changes), next month's pegawai.csv alone (one retirement, one hire, one promotion), exported.
# Each step is timed on the release binary; the figures go to docs/BENCHMARKS.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p mutasi-server --locked >/dev/null
bin=target/release/mutasi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
time_it() { # label, command…
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null
  t1=$(date +%s.%N)
  printf '%-44s %6.2f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
}
"$bin" demo --out "$work/demo.json" --workbook "$work/book" >/dev/null
today=2027-04-01
time_it "first load (5 sheets) into an empty database" \
  "$bin" load "$work/book" --database "$work/city.db" --today $today
time_it "same workbook again (no change)" \
  "$bin" load "$work/book" --database "$work/city.db" --today $today
time_it "dry run of the same" \
  "$bin" load "$work/book" --database "$work/city.db" --today $today --dry-run
# Next month: drop the 3rd employee row, promote nobody, add nothing (the smallest real diff:
# one departure and the seat it frees).
mkdir "$work/next"
awk 'NR != 3' "$work/book/pegawai.csv" > "$work/next/pegawai.csv"
time_it "next month's pegawai.csv (1 departure)" \
  "$bin" load "$work/next" --database "$work/city.db" --today $today --departed pensiun
time_it "export (5 sheets)" "$bin" export "$work/out" --database "$work/city.db"
du -sh "$work/book" | awk '{print "workbook size: " $1}'
