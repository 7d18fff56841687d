// Benchmark (prints figures, asserts only that the screen came up): a city-wide planner syncs
// the whole demo city, the server goes away, and the app is reloaded offline; how long until the
// Formasi table (computed from the local copy) is on screen? Also the initial sync time.
//   node bench/offline-reload.mjs [dist-dir]   (needs the release server, as the e2e tests)
// The reload is timed inside the page too: from the navigation's start until the frame after the
// table's first row entered the document (Playwright's wait polls every 500 ms after a while, so
// its figure, also printed, can be up to half a second late).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, loginInApp, MUTASI_DIST, recordWhenShown, startServer, tempDir } from '../lib/harness.mjs';

const tmp = tempDir();
const dist = process.argv[2] ?? MUTASI_DIST;
const server = await startServer({ database: join(tmp.dir, 'bench.db'), dist, extraArgs: ['--demo'] });
const accounts = await server.accounts();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  const t0 = Date.now();
  await loginInApp(page, server.url, 'perencana-kota', accounts['perencana-kota'].password);
  const initialSync = Date.now() - t0;
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  await server.stop();
  await browser.context.setOffline(true);
  await recordWhenShown(page, 'main table tbody tr', '__tableMs');
  const runs = [];
  const inPage = [];
  for (let i = 0; i < 3; i++) {
    const start = Date.now();
    await page.goto(`${server.url}/formasi`);
    await page.waitForSelector('main table tbody tr', { timeout: 60_000 });
    runs.push(Date.now() - start);
    inPage.push(Math.round(await page.evaluate(() => globalThis.__tableMs)));
  }
  const rows = await page.$$eval('main table tbody tr', (r) => r.length);
  assert.ok(rows > 10, 'the Formasi table shows the OPD');
  console.log(`BENCH ${dist} offline reload to Formasi (whole city cached): ${inPage.join(' ms, ')} ms ` +
    `from the navigation's start (seen by Playwright at ${runs.join(', ')} ms); initial login + sync ${initialSync} ms`);
} finally {
  await browser.close();
  await server.stop();
  tmp.cleanup();
}
