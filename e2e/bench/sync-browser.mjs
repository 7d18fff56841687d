// Benchmark (prints figures, asserts only that the sync finished): the first sync in Chromium on
// a large instansi (issue 21), over loopback. The city-wide planner logs in on a fresh device:
//   - log in → synced (the status bar's "Sinkron terakhir"), split into the time inside the pull
//     requests (server + loopback) and the rest (the app decoding pages and writing them to
//     IndexedDB, in pages of 256 records per value);
//   - reading the city back from IndexedDB on a reload (the app's `mutasi:read-city` measure:
//     read + decode, and `mutasi:index-city`: the dataset's indexes);
//   - memory: the page's JS heap (CDP `Performance.getMetrics`), its array buffers (wasm memory;
//     `Runtime.getHeapUsage`'s backing stores, where the browser reports them) and the
//     resident set of the browser's processes (all of them, and the largest: the app's renderer).
//   node bench/sync-browser.mjs [scale]    (default: $MUTASI_DEMO_SCALE, else 5; needs dist/;
//   WARMUP=0: without the prepared city-wide snapshot)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

const scale = Number(process.argv[2] ?? process.env.MUTASI_DEMO_SCALE ?? 5);
const wait = 30_000 * scale;
// WARMUP=0: a server that has not prepared the city-wide snapshot (the sync's snapshot is built
// for the request, as on the first city-wide sync after a start with --no-snapshot-warmup).
const WARMUP = process.env.WARMUP !== '0';

/** Resident set (MB) of every process under the browser started on `profile`: sum and largest. */
function browserMemory(profile) {
  const procs = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const rss = Number(readFileSync(`/proc/${name}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
      procs.push({ pid: Number(name), ppid, cmd, rss });
    } catch { /* gone meanwhile */ }
  }
  const ours = new Set(procs.filter((p) => p.cmd.includes(profile)).map((p) => p.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!ours.has(p.pid) && ours.has(p.ppid)) { ours.add(p.pid); grew = true; }
  }
  const rss = procs.filter((p) => ours.has(p.pid)).map((p) => p.rss / 1024);
  return { sum: Math.round(rss.reduce((a, b) => a + b, 0)), largest: Math.round(Math.max(0, ...rss)) };
}

/** The page's JS heap in use and the ArrayBuffer backing stores (wasm memory among them), MB. */
async function heap(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const usage = await cdp.send('Runtime.getHeapUsage').catch(() => ({}));
  const mbOf = (b) => (b === undefined ? '–' : Math.round(b / 1e6));
  return { js: mbOf(m.JSHeapUsedSize), buffers: mbOf(usage.backingStorageSize) };
}

/** The app's User Timing measure `name` (ms), once it is there. */
async function measure(page, name) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: wait });
  return page.evaluate((n) => Math.round(performance.getEntriesByName(n).at(-1).duration), name);
}

const tmp = tempDir();
const server = await startServer({ database: join(tmp.dir, 'bench.db'),
  extraArgs: ['--demo', '--demo-scale', String(scale)], startTimeout: 20 * wait, warmup: WARMUP });
const accounts = await server.accounts();
const prepared = Date.now();
if (WARMUP) await server.printed(/city-wide snapshot prepared/, 20 * wait);
if (WARMUP) console.log(`BENCH the server prepared the city-wide snapshot ${((Date.now() - prepared) / 1000).toFixed(1)} s after printing its accounts`);
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(wait);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const pulls = new Map();
  page.on('request', (r) => { if (/\/api\/sync\/(pull|snapshot)/.test(r.url())) pulls.set(r, { start: Date.now() }); });
  page.on('requestfinished', (r) => { const p = pulls.get(r); if (p) p.end = Date.now(); });
  const t0 = Date.now();
  await loginInApp(page, server.url, 'perencana-kota', accounts['perencana-kota'].password, 4 * wait);
  const syncMs = Date.now() - t0;
  const done = [...pulls.values()].filter((p) => p.end);
  assert.ok(done.length > 0, 'the app pulled');
  const inRequests = done.reduce((s, p) => s + (p.end - p.start), 0);
  const span = Math.max(...done.map((p) => p.end)) - Math.min(...done.map((p) => p.start));
  const heapSynced = await heap(cdp);
  const memSynced = browserMemory(browser.profile);
  console.log(`BENCH scale ${scale}: log in → synced (perencana-kota, loopback): ${(syncMs / 1000).toFixed(1)} s; ` +
    `${done.length} sync requests (snapshot and pulls) over ${(span / 1000).toFixed(1)} s, ${(inRequests / 1000).toFixed(1)} s inside them (server + loopback), ` +
    `${((span - inRequests) / 1000).toFixed(1)} s between them (the app: decode + IndexedDB write)`);
  console.log(`BENCH memory after the first sync: JS heap ${heapSynced.js} MB, array buffers (wasm memory) ${heapSynced.buffers} MB; browser processes ${memSynced.sum} MB resident (largest ${memSynced.largest} MB)`);

  // Reading the stored city back: a reload reads every record from IndexedDB and indexes it.
  await page.reload();
  const read = await measure(page, 'mutasi:read-city');
  const index = await measure(page, 'mutasi:index-city');
  const heapRead = await heap(cdp);
  const memRead = browserMemory(browser.profile);
  console.log(`BENCH reload: read the city from IndexedDB ${read} ms (sliced into ≤ 10 ms tasks), index it ${index} ms`);
  console.log(`BENCH memory after the reload: JS heap ${heapRead.js} MB, array buffers (wasm memory) ${heapRead.buffers} MB; browser processes ${memRead.sum} MB resident (largest ${memRead.largest} MB)`);
  const figures = {
    browser_sync_s: (syncMs / 1000).toFixed(1), browser_in_requests_s: (inRequests / 1000).toFixed(1),
    browser_between_s: ((span - inRequests) / 1000).toFixed(1), read_city_ms: read, index_city_ms: index,
    heap_synced_mb: heapSynced.js, heap_read_mb: heapRead.js, buffers_synced_mb: heapSynced.buffers,
    buffers_read_mb: heapRead.buffers, browser_rss_mb: memRead.sum,
    renderer_rss_mb: memRead.largest,
  };
  for (const [k, v] of Object.entries(figures)) console.log(`FIGURE ${k}=${v}`);
  console.log(`BENCH load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
  await server.stop();
  tmp.cleanup();
}
