// Benchmark (prints figures, asserts only that the data came through): the sync server on a
// large instansi (issue 21: initial sync on loopback ≤ 10 s for 100,000 ASN). A fresh database
// is seeded with `serve --demo --demo-scale N`; then, over loopback HTTP as the app does it
// (pages of 1,000 records, the first asked to count, `Accept-Encoding: br`):
//   - the full initial pull of the city-wide planner `perencana-kota` and of the OPD planner
//     `perencana`: time, records, bytes over the wire and JSON bytes; the planner's pull again,
//     and once more without compression (what brotli costs the server);
//   - pushes: one `propose_move` per request, re-checked with the rules, one after another;
//   - the server's memory (resident set now and at its peak) after seeding, pulls and pushes.
//   node bench/sync-scale.mjs [scale]      (default: $MUTASI_DEMO_SCALE, else 5)
// Needs the release server (target/release/mutasi, or $MUTASI_BIN), as the e2e tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { loginToken, startServer, tempDir, uuidv7 } from '../lib/harness.mjs';

const scale = Number(process.argv[2] ?? process.env.MUTASI_DEMO_SCALE ?? 5);
const PAGE = 1000;
const PUSHES = Number(process.env.MUTASI_BENCH_PUSHES ?? 30);

/** VmRSS and VmHWM of `pid`, in MB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** GET `path` with the browser's encoding; resolves to { wire, json } (wire: bytes received). */
function get(url, path, token, encoding = 'br, gzip') {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': encoding },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) return reject(new Error(`${path}: ${res.statusCode} ${body}`));
        const t0 = performance.now();
        const enc = res.headers['content-encoding'];
        const text = enc === 'br' ? brotliDecompressSync(body) : enc === 'gzip' ? gunzipSync(body) : body;
        const json = JSON.parse(text);
        resolve({ wire: body.length, raw: text.length, json, decodeMs: performance.now() - t0 });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The app's initial pull for `token`: every page, as the app asks for them. */
async function pullAll(url, token, keep, encoding) {
  const t0 = performance.now();
  let since = 0; let records = 0; let wire = 0; let raw = 0; let pages = 0; let first = true;
  let decodeMs = 0;
  for (;;) {
    const page = await get(url, `/api/sync/pull?since=${since}&limit=${PAGE}&count=${first}`, token, encoding);
    first = false; pages += 1; wire += page.wire; raw += page.raw; decodeMs += page.decodeMs;
    records += page.json.records.length;
    if (keep) page.json.records.forEach(keep);
    since = page.json.cursor;
    if (!page.json.more) break;
  }
  return { ms: performance.now() - t0, records, wire, raw, pages, decodeMs };
}

async function push(url, token, ops) {
  const res = await fetch(`${url}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ops }),
  });
  return { status: res.status, body: await res.json() };
}

const proposeMove = (nip, slot) => ({
  id: uuidv7(), base_version: 0, reason: 'Pemenuhan kebutuhan organisasi (benchmark)',
  change: { type: 'propose_move', proposal: uuidv7(), nip, slot, tmt: '2027-04-01' },
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => (bytes / 1e6).toFixed(2);

const tmp = tempDir();
const started = performance.now();
const server = await startServer({ database: join(tmp.dir, 'bench.db'), dist: '/nonexistent',
  extraArgs: ['--demo', '--demo-scale', String(scale)], startTimeout: 600_000 });
const accounts = await server.accounts();
const seededMs = performance.now() - started;
try {
  assert.ok(accounts['perencana-kota'], 'the demo accounts were created');
  const afterSeed = memory(server.proc.pid);
  console.log(`BENCH scale ${scale}: start with --demo (draw the instansi, import it, accounts): ${(seededMs / 1000).toFixed(1)} s; server memory ${afterSeed.rss} MB (peak ${afterSeed.peak} MB)`);

  // The server loads the dataset its checks run on in the background at start; a server that
  // has been up a while has it, so let it finish first.
  await new Promise((r) => setTimeout(r, 5_000));
  const city = await loginToken(server.url, 'perencana-kota', accounts['perencana-kota'].password);
  const employees = []; const slots = new Map();
  const full = await pullAll(server.url, city, (r) => {
    if (r.kind === 'employee' && r.data?.current && r.data.status === 'PNS') employees.push(r.data);
    if (r.kind === 'slot' && r.data) slots.set(r.data.id, r.data);
  });
  assert.ok(full.records > 0);
  console.log(`BENCH initial pull, city-wide planner (perencana-kota): ${(full.ms / 1000).toFixed(2)} s, ${full.records} records in ${full.pages} pages, ${mb(full.wire)} MB over the wire (br), ${mb(full.raw)} MB JSON; of the time, ${(full.decodeMs / 1000).toFixed(2)} s is this client's brotli + JSON.parse`);
  const again = await pullAll(server.url, city);
  const plain = await pullAll(server.url, city, null, 'identity');
  console.log(`BENCH initial pull again (warm): ${(again.ms / 1000).toFixed(2)} s; uncompressed (identity): ${(plain.ms / 1000).toFixed(2)} s, of which ${(plain.decodeMs / 1000).toFixed(2)} s JSON.parse here`);
  const opd = await loginToken(server.url, 'perencana', accounts.perencana.password);
  const part = await pullAll(server.url, opd);
  console.log(`BENCH initial pull, OPD planner (perencana): ${(part.ms / 1000).toFixed(2)} s, ${part.records} records, ${mb(part.wire)} MB over the wire (br), ${mb(part.raw)} MB JSON`);
  const afterPull = memory(server.proc.pid);

  // A legal move: the first pair the server accepts of a PNS in a post and an open slot of the
  // same jabatan in another unit (a rotation).
  const open = new Map();
  for (const s of slots.values()) {
    if (!s.holder) open.set(s.position, [...(open.get(s.position) ?? []), s]);
  }
  let pair = null; let tries = 0;
  const tried0 = performance.now();
  search: for (const e of employees) {
    const own = slots.get(e.current.slot);
    for (const s of (own && open.get(own.position)) ?? []) {
      if (s.unit === own.unit) continue;
      tries += 1;
      const r = await push(server.url, city, [proposeMove(e.nip, s.id)]);
      if (r.status === 200) { pair = { nip: e.nip, slot: s.id }; break search; }
      if (tries >= 2000) break search;
      break;
    }
  }
  assert.ok(pair, 'a legal move exists');
  const firstMs = performance.now() - tried0;
  const times = [];
  for (let i = 0; i < PUSHES; i++) {
    const t0 = performance.now();
    const r = await push(server.url, city, [proposeMove(pair.nip, pair.slot)]);
    times.push(performance.now() - t0);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const batch = Array.from({ length: 50 }, () => proposeMove(pair.nip, pair.slot));
  const b0 = performance.now();
  const rb = await push(server.url, city, batch);
  const batchMs = performance.now() - b0;
  assert.equal(rb.status, 200, JSON.stringify(rb.body));
  const afterPush = memory(server.proc.pid);
  console.log(`BENCH push, one propose_move per request (re-checked with the rules), ${PUSHES} in a row: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; 50 ops in one push ${batchMs.toFixed(0)} ms; finding a legal move took ${tries} tries, ${(firstMs / 1000).toFixed(1)} s`);
  console.log(`BENCH server memory: after seeding ${afterSeed.rss} MB, after the pulls ${afterPull.rss} MB, after the pushes ${afterPush.rss} MB, peak ${afterPush.peak} MB`);
  const figures = {
    seed_s: (seededMs / 1000).toFixed(1), pull_city_s: (full.ms / 1000).toFixed(2),
    pull_city_records: full.records, pull_city_wire_mb: mb(full.wire), pull_city_json_mb: mb(full.raw),
    pull_city_decode_s: (full.decodeMs / 1000).toFixed(2), pull_city_warm_s: (again.ms / 1000).toFixed(2),
    pull_city_identity_s: (plain.ms / 1000).toFixed(2), pull_opd_s: (part.ms / 1000).toFixed(2),
    pull_opd_records: part.records, push_median_ms: median(times).toFixed(1),
    push_max_ms: Math.max(...times).toFixed(1), push_batch50_ms: batchMs.toFixed(0),
    server_rss_mb: afterPush.rss, server_peak_mb: afterPush.peak,
  };
  for (const [k, v] of Object.entries(figures)) console.log(`FIGURE ${k}=${v}`);
  console.log(`BENCH load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await server.stop();
  tmp.cleanup();
}
