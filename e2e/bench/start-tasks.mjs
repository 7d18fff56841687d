// Benchmark (prints figures; asserts only that a trace was taken): what the main thread does
// when a returning user opens the app, the start Lighthouse's "after login" run scores. Logs in
// through the app's form and syncs, then reloads "/" with the storage kept and a 4× slower CPU
// (Lighthouse's mobile slowdown), tracing the renderer. Prints every task of 50 ms or more (a
// "long task": its excess over 50 ms is Total Blocking Time), what ran at its top level, and the
// app's User Timing measures.
//   node bench/start-tasks.mjs [user] [cpu-slowdown]   (needs dist/ and the release server)
//   FIRST_SYNC=1: trace a first login on a new device instead (the click on "Masuk" until
//   Beranda's figures: the first sync's writes and the first indexing of the city); SLOW_4G=1
//   on Lighthouse's slow 4G link (else loopback).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

const user = process.argv[2] ?? 'perencana-kota';
const slowdown = Number(process.argv[3] ?? 4);
const dist = process.argv[4]; // another build's dist/ (one whose wasm keeps its names, to read the samples)
const tmp = tempDir();
const server = await startServer({ database: join(tmp.dir, 'bench.db'), extraArgs: ['--demo'], ...(dist ? { dist } : {}) });
const accounts = await server.accounts();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  const firstSync = process.env.FIRST_SYNC === '1';
  if (firstSync) {
    await page.goto(`${server.url}/masuk`);
    await page.fill('#username', user);
    await page.fill('#password', accounts[user].password);
  } else {
    await loginInApp(page, server.url, user, accounts[user].password);
  }
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  if (process.env.SLOW_4G === '1') {
    // Lighthouse's slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 });
  }
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'loading', 'disabled-by-default-v8.cpu_profiler'] },
  });
  const t0 = Date.now();
  if (firstSync) {
    await page.click('form button[type="submit"]');
    await page.waitForSelector('#cache-status[data-synced]', { timeout: 300_000 });
  } else {
    await page.reload();
  }
  await page.waitForSelector(user === 'pegawai' ? '#career, .stats, .page h2' : '#stat-shortage', { timeout: 60_000 });
  await page.waitForTimeout(3000);
  await cdp.send('Tracing.end');
  await done;
  if (process.env.TRACE_OUT) (await import('node:fs')).writeFileSync(process.env.TRACE_OUT, JSON.stringify(events));
  console.log(`BENCH ${firstSync ? 'first sync' : 'start'} ${user}, CPU ${slowdown}×: Beranda shown after ${Date.now() - t0 - 3000} ms (wall, incl. trace overhead)`);

  // The page's main thread: of the threads named CrRendererMain (a reload may use a new
  // renderer process), the one that ran the most.
  const busy = (t) => events.filter((x) => x.pid === t.pid && x.tid === t.tid && x.name === 'RunTask')
    .reduce((sum, x) => sum + (x.dur ?? 0), 0);
  const main = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((t) => ({ t, busy: busy(t) })).sort((a, b) => b.busy - a.busy)[0]?.t;
  assert.ok(main, 'the trace has a renderer main thread');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const nav = events.filter((e) => e.name === 'navigationStart' && e.pid === main.pid && e.args?.data?.documentLoaderURL).pop() ?? onMain[0];
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ts >= nav.ts).sort((a, b) => a.ts - b.ts);
  const long = tasks.filter((t) => t.dur >= (Number(process.env.LONG_MS ?? 50)) * 1000);
  // CPU samples of the main thread (the trace's ProfileChunk events), to name what a task ran.
  const samples = [];
  const profile = events.find((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid);
  if (profile) {
    const nodes = new Map();
    let ts = profile.args.data.startTime;
    for (const c of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id)) {
      const p = c.args.data.cpuProfile ?? {};
      for (const n of p.nodes ?? []) nodes.set(n.id, n);
      (p.samples ?? []).forEach((id, i) => { ts += c.args.data.timeDeltas[i]; samples.push({ ts, id }); });
    }
    for (const s of samples) s.name = nodes.get(s.id)?.callFrame?.functionName || '(anonymous)';
  }
  const topFunctions = (from, to) => {
    const counts = new Map();
    const inside = samples.filter((s) => s.ts >= from && s.ts <= to);
    for (const s of inside) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 6)
      .map(([n, c]) => `${n.replace(/::h[0-9a-f]{16}$/, '').slice(-70)} ${Math.round(100 * c / inside.length)}%`).join(' | ');
  };
  let tbt = 0;
  for (const t of long) {
    tbt += t.dur / 1000 - 50;
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur >= 2000);
    const top = inside.filter((e) => !inside.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
    const what = top.map((e) => `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}` : ''}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''} ${Math.round(e.dur / 1000)}`).join(', ');
    console.log(`BENCH   task ${Math.round(t.dur / 1000)} ms at ${Math.round((t.ts - nav.ts) / 1000)} ms: ${what}`);
    if (samples.length) console.log(`BENCH     self time: ${topFunctions(t.ts, t.ts + t.dur)}`);
  }
  console.log(`BENCH   ${long.length} long tasks, blocking ${Math.round(tbt)} ms in all (until the trace ends; Lighthouse stops at TTI)`);
  const measures = events.filter((e) => e.cat === 'blink.user_timing' && e.name.startsWith('mutasi:') && e.ph === 'b');
  for (const m of measures) {
    const end = events.find((e) => e.cat === 'blink.user_timing' && e.name === m.name && e.ph === 'e' && e.id2?.local === m.id2?.local && e.ts >= m.ts);
    console.log(`BENCH   measure ${m.name} at ${Math.round((m.ts - nav.ts) / 1000)} ms: ${end ? Math.round((end.ts - m.ts) / 1000) : '?'} ms`);
  }
} finally {
  await browser.close();
  await server.stop();
  tmp.cleanup();
}
