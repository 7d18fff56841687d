#!/usr/bin/env bash
# Load figures of the sync server on loopback (docs/BENCHMARKS.md, "Sync server (issue 5)"):
# throughput and latency percentiles of a small pull and of a push with `wrk`, on SQLite and on
# PostgreSQL, and the size and time of a city-wide planner's full initial pull.
#
#   scripts/bench-server.sh            # both backends
#   scripts/bench-server.sh sqlite     # one backend
#
# Needs: wrk (apt-get install -y wrk), curl, python3; for PostgreSQL, scripts/postgres.sh (root).
# Each run uses a fresh database seeded with `mutasi serve --demo` (the demo city, seed 1).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -p mutasi-server --locked >&2
BIN="$CARGO_TARGET_DIR/release/mutasi"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
backends=${*:-sqlite postgres}
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

start_server() { # $1 = --database value
  "$BIN" serve --demo --addr 127.0.0.1:0 --database "$1" --dist /nonexistent >"$work/out" 2>"$work/err" &
  server_pid=$!
  for _ in $(seq 1 600); do
    grep -q "http://127.0.0.1:" "$work/out" 2>/dev/null && grep -q "pegawai" "$work/out" && break
    sleep 0.1
  done
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1)
  [ -n "$url" ] || { cat "$work/err" >&2; exit 1; }
}

login() { # $1 = account
  local pw
  pw=$(awk -v u="$1" '$1 == u {print $3}' "$work/out")
  curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$pw\"}" | json 'd["token"]'
}

summarise() { # $1 = label, $2 = wrk output file
  python3 - "$1" "$2" <<'PY'
import re, sys
label, path = sys.argv[1], sys.argv[2]
text = open(path).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
def pct(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = non2xx.group(1) if non2xx else "0"
print(f"| {label} | {float(rps):,.0f} | {pct(50):.2f} | {pct(99):.2f} | {errors} |")
PY
}

results=()
for backend in $backends; do
  case $backend in
    sqlite) db="$work/bench.db" ;;
    postgres)
      base=$(scripts/postgres.sh)
      name="mutasi_bench_$$"
      python3 - "$base" "$name" <<'PY' >&2
import subprocess, sys
base, name = sys.argv[1], sys.argv[2]
subprocess.run(["su", "postgres", "-c", f"psql -q -c 'DROP DATABASE IF EXISTS {name}' -c 'CREATE DATABASE {name} OWNER mutasi_test'"], check=True)
PY
      db="${base%/*}/$name" ;;
    *) echo "unknown backend $backend" >&2; exit 1 ;;
  esac
  echo "== $backend: seeding and starting" >&2
  start_server "$db"
  planner=$(login perencana-kota)
  employee=$(login pegawai)

  # Full initial pull of the city-wide planner, gzip as a browser asks for it.
  python3 - "$url" "$planner" <<'PY' > "$work/full-$backend"
import gzip, json, sys, time, urllib.request
url, token = sys.argv[1], sys.argv[2]
cursor, records, wire, raw = 0, 0, 0, 0
t0 = time.perf_counter()
while True:
    req = urllib.request.Request(f"{url}/api/sync/pull?since={cursor}&limit=5000",
        headers={"authorization": f"Bearer {token}", "accept-encoding": "gzip"})
    with urllib.request.urlopen(req) as r:
        body = r.read()
        wire += len(body)
        if r.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
    raw += len(body)
    page = json.loads(body)
    records += len(page["records"])
    cursor = page["cursor"]
    if not page["more"]:
        break
secs = time.perf_counter() - t0
print(f"{records} {wire} {raw} {secs:.2f}")
PY
  read -r n wire raw secs < "$work/full-$backend"
  last=$(python3 - "$url" "$planner" <<'PY'
import json, sys, urllib.request
url, token = sys.argv[1], sys.argv[2]
req = urllib.request.Request(f"{url}/api/sync/pull?since=999999999&limit=1", headers={"authorization": f"Bearer {token}"})
print(json.load(urllib.request.urlopen(req))["cursor"])
PY
)

  # A legal move for the push benchmark: the first candidate the server accepts.
  pair=$(python3 scripts/legal_move.py "$url" "$planner")
  read -r nip slot <<< "$pair"

  cat > "$work/push.lua" <<LUA
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer $planner"
local counter = 0
local function v7()
  local ms = math.floor(os.time() * 1000) + counter
  counter = counter + 1
  local hex = string.format("%012x", ms)
  return string.format("%s-%s-7%03x-%04x-%04x%08x", hex:sub(1, 8), hex:sub(9, 12),
    math.random(0, 4095), 0x8000 + math.random(0, 16383), math.random(0, 65535), math.random(0, 4294967295))
end
function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000) end
request = function()
  local body = '{"ops":[{"id":"' .. v7() .. '","base_version":0,"reason":"Pemenuhan kebutuhan organisasi (benchmark)",'
    .. '"change":{"type":"propose_move","proposal":"' .. v7() .. '","nip":"$nip","slot":"$slot","tmt":"2027-04-01"}}]}'
  return wrk.format(nil, nil, nil, body)
end
LUA

  echo "== $backend: small pull (steady-state poll, empty page)" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "authorization: Bearer $planner" \
    "$url/api/sync/pull?since=$last" > "$work/poll-$backend"
  echo "== $backend: small pull (employee, first 10 records)" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "authorization: Bearer $employee" \
    "$url/api/sync/pull?since=0&limit=10" > "$work/page-$backend"
  echo "== $backend: push (one propose_move per request, re-checked with the rules)" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/push.lua" \
    "$url/api/sync/push" > "$work/push-$backend"

  results+=("$(summarise "$backend: pull, nothing new (planner)" "$work/poll-$backend")")
  results+=("$(summarise "$backend: pull, 10-record page (employee)" "$work/page-$backend")")
  results+=("$(summarise "$backend: push, 1 propose_move" "$work/push-$backend")")
  results+=("FULL|$backend|$n|$wire|$raw|$secs")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  if [ "$backend" = postgres ]; then
    su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $name'" >&2
  fi
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback, $(nproc) cores ($(date -u +%F))"
echo
echo "| workload | requests/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---:|---:|---:|---:|"
for r in "${results[@]}"; do [[ $r == FULL* ]] || echo "$r"; done
echo
echo "| full initial pull (city-wide planner) | records | gzip bytes | JSON bytes | seconds |"
echo "|---|---:|---:|---:|---:|"
for r in "${results[@]}"; do
  [[ $r == FULL* ]] || continue
  IFS='|' read -r _ b n w raw s <<< "$r"
  printf '| %s | %s | %s | %s | %s |\n' "$b" "$n" "$w" "$raw" "$s"
done
