// Benchmark (prints figures, asserts only that the sync finished): a user logs in on a new
// device and waits for the first sync, on Lighthouse's "slow 4G" profile (150 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up, CDP network emulation) and on loopback, for the city planner
// (`perencana-kota`, the whole city) and an employee (`pegawai`). Prints, per run: log in → synced
// (the status bar says "Sinkron terakhir: …") → Beranda's heading, the sync's requests and
// their bytes over the wire, and how much of the wall time the pull requests were in flight.
//   node bench/first-sync.mjs [dist-dir]   (needs the release server, as the e2e tests)
//   WARMUP=0: the server has not prepared the city-wide snapshot (the first city-wide sync is
//   then built for its request); RUNS, USERS, SLOWDOWN as below. Also prints the main thread's
//   longest task from the click until Beranda shows its figures (Long Tasks API).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, MUTASI_DIST, startServer, tempDir } from '../lib/harness.mjs';

const dist = process.argv[2] ?? MUTASI_DIST;
const RUNS = Number(process.env.RUNS ?? 3);
const LINKS = {
  'slow 4G': { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  loopback: null,
};
const USERS = (process.env.USERS ?? 'perencana-kota,pegawai').split(',');
// SLOWDOWN=4: the CPU 4× slower from the click on (Lighthouse's mobile tablet), for the long tasks.
const SLOWDOWN = Number(process.env.SLOWDOWN ?? 1);

const tmp = tempDir();
// WARMUP=0: a server that has not prepared the city-wide snapshot (its first city-wide sync is
// then built for the request; later ones are served prepared).
const WARMUP = process.env.WARMUP !== '0';
const server = await startServer({ database: join(tmp.dir, 'bench.db'), dist, extraArgs: ['--demo'], warmup: WARMUP });
const accounts = await server.accounts();
if (WARMUP) await server.printed(/city-wide snapshot prepared/);

async function firstSync(link, user) {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    // Every long task (50 ms or more) of the main thread, kept across the reloads a login may do.
    await page.addInitScript(() => {
      const key = 'bench-long-tasks';
      new PerformanceObserver((list) => {
        const seen = JSON.parse(sessionStorage.getItem(key) ?? '[]');
        // Each with when it started (absolute, as a reload changes the time origin).
        for (const e of list.getEntries()) seen.push({ ms: Math.round(e.duration), at: performance.timeOrigin + e.startTime });
        sessionStorage.setItem(key, JSON.stringify(seen));
      }).observe({ type: 'longtask', buffered: true });
    });
    // The app's files first, unthrottled and outside the timing: this measures the sync.
    await page.goto(`${server.url}/masuk`);
    await page.waitForSelector('#username');
    if (LINKS[link]) {
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', LINKS[link]);
    }
    const pulls = [];
    page.on('requestfinished', (request) => {
      if (request.url().includes('/api/sync/')) {
        pulls.push(Promise.all([request.sizes(), Promise.resolve(request.timing())]).catch(() => null));
      }
    });
    await page.fill('#username', user);
    await page.fill('#password', accounts[user].password);
    if (SLOWDOWN > 1) {
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
    }
    await page.evaluate(() => sessionStorage.setItem('bench-long-tasks', '[]'));
    // Tasks from before the click can still be reported after it: only later ones count.
    const clickAt = await page.evaluate(() => performance.timeOrigin + performance.now());
    const start = Date.now();
    await page.click('form button[type="submit"]');
    await page.waitForFunction(() => /Sinkron terakhir: \d/.test(document.querySelector('#cache-status')?.textContent ?? ''),
      null, { timeout: 300_000 });
    const synced = Date.now() - start;
    await page.waitForSelector('main h2', { timeout: 60_000 });
    const beranda = Date.now() - start;
    assert.ok(await page.textContent('main h2'));
    // Beranda's figures too: the last work of a first sync on the main thread.
    if (user !== 'pegawai') await page.waitForSelector('.stats', { timeout: 60_000 });
    const longTasks = (await page.evaluate(() => JSON.parse(sessionStorage.getItem('bench-long-tasks') ?? '[]')))
      .filter((t) => t.at >= clickAt).map((t) => t.ms);
    const done = (await Promise.all(pulls)).filter(Boolean);
    const bytes = done.reduce((sum, [s]) => sum + s.responseBodySize + s.responseHeadersSize, 0);
    const inFlight = done.reduce((sum, [, t]) => sum + Math.max(0, t.responseEnd - t.requestStart), 0);
    return { synced, beranda, requests: done.length, bytes, inFlight, longest: Math.max(0, ...longTasks), longTasks: longTasks.length };
  } finally {
    await browser.close();
  }
}

try {
  for (const link of Object.keys(LINKS)) {
    for (const user of USERS) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await firstSync(link, user));
      // Playwright now and then misses the end of a streamed response: the run that saw most.
      const most = runs.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      const list = (key) => runs.map((r) => Math.round(r[key]).toLocaleString('en')).join(', ');
      console.log(`BENCH ${link}, ${user}: log in → synced ${list('synced')} ms; → Beranda ${list('beranda')} ms; ` +
        `${most.requests} sync requests, ${Math.round(most.bytes / 1000).toLocaleString('en')} kB over the wire; ` +
        `requests in flight ${list('inFlight')} ms; longest main-thread task ${list('longest')} ms ` +
        `(long tasks: ${list('longTasks')})${SLOWDOWN > 1 ? `, CPU ${SLOWDOWN}× slower` : ''}`);
    }
  }
} finally {
  await server.stop();
  tmp.cleanup();
}
