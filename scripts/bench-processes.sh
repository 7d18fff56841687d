#!/usr/bin/env bash
# Write throughput of one and two `mutasi serve` processes on one PostgreSQL behind nginx
# (round robin), for docs/BENCHMARKS.md ("Writes under concurrency (issue 16)"):
#   - push: one propose_move per request (each re-checked with the rules), wrk -c16;
#   - mixed: the same pushes (wrk -c8) while planners pull pages of 10 changes (wrk -c8), at once.
# Prints one table row per run: requests/s and p50/p99 of each load.
#
#   scripts/bench-processes.sh                     # the binary of this checkout
#   BIN=/path/to/other/mutasi scripts/bench-processes.sh   # e.g. an older build, same run
#
# Needs root for apt (wrk, nginx) and scripts/postgres.sh. Every run seeds a fresh database with
# `mutasi serve --demo` (the demo city, seed 1).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ -z "${BIN:-}" ]; then
  cargo build --release -p mutasi-server --locked >&2
  BIN="$CARGO_TARGET_DIR/release/mutasi"
fi
DURATION=${DURATION:-10s}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

base=$(scripts/postgres.sh)
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

start() { # $1 = database, $2 = output file, rest = extra args
  local db=$1 out=$2; shift 2
  MUTASI_DATABASE="$db" "$BIN" serve --addr 127.0.0.1:0 --dist /nonexistent "$@" >"$out" 2>"$out.err" &
  pids+=($!)
  for _ in $(seq 1 900); do
    grep -q "http://127.0.0.1:" "$out" 2>/dev/null && break
    sleep 0.1
  done
  grep -o 'http://127.0.0.1:[0-9]*' "$out" | head -1 | sed 's/.*://'
}

row() { # $1 = label, $2 = wrk output
  python3 - "$1" "$2" <<'PY'
import re, sys
label, path = sys.argv[1], sys.argv[2]
text = open(path).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def pct(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"| {label} | {rps:,.0f} | {pct(50):.1f} | {pct(99):.1f} | {bad.group(1) if bad else 0} |")
PY
}

for procs in 1 2; do
  name="mutasi_bench_p${procs}_$$"
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $name' -c 'CREATE DATABASE $name OWNER mutasi_test'" >&2
  db="${base%/*}/$name"
  echo "== $procs process(es): seeding" >&2
  p1=$(start "$db" "$work/s1" --demo)
  ports=("$p1")
  if [ "$procs" = 2 ]; then ports+=("$(start "$db" "$work/s2")"); fi
  upstream=""
  for p in "${ports[@]}"; do upstream+="server 127.0.0.1:$p; "; done
  front=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$work/nginx"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  upstream mutasi { $upstream keepalive 64; }
  server {
    listen 127.0.0.1:$front;
    location / {
      proxy_pass http://mutasi; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_buffering off; proxy_request_buffering off;
    }
  }
}
CONF
  "$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
  pids+=($!)
  sleep 1
  url="http://127.0.0.1:$front"
  pw=$(awk '$1 == "perencana-kota" {print $3}' "$work/s1")
  token=$(curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"perencana-kota\",\"password\":\"$pw\"}" | json 'd["token"]')
  last=$(curl -sf -H "authorization: Bearer $token" "$url/api/sync/pull?since=999999999&limit=1" | json 'd["cursor"]')
  # A legal move: the first candidate the server accepts.
  read -r nip slot < <(python3 scripts/legal_move.py "$url" "$token")
  cat > "$work/push.lua" <<LUA
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer $token"
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
  echo "== $procs process(es): push" >&2
  wrk -t2 -c16 -d"$DURATION" --latency -s "$work/push.lua" "$url/api/sync/push" > "$work/push"
  echo "== $procs process(es): mixed" >&2
  wrk -t1 -c8 -d"$DURATION" --latency -s "$work/push.lua" "$url/api/sync/push" > "$work/mixed-push" &
  w=$!
  wrk -t1 -c8 -d"$DURATION" --latency -H "authorization: Bearer $token" \
    "$url/api/sync/pull?since=$last&limit=10" > "$work/mixed-pull"
  wait $w
  row "$procs process(es): push, 16 connections" "$work/push"
  row "$procs process(es): mixed, its pushes (8 connections)" "$work/mixed-push"
  row "$procs process(es): mixed, its pulls (8 connections)" "$work/mixed-pull"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $name WITH (FORCE)'" >&2
done
echo "($(basename "$BIN") = $BIN; wrk $DURATION; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F))"
