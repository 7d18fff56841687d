// Benchmark (prints figures, asserts only that the screen came up): a city-wide planner syncs
// the whole demo city, the server goes away, and the app is reloaded offline; how long until the
// Formasi table (computed from the local copy) is on screen? Also the initial sync time.
//   node bench/offline-reload.mjs      (needs dist/ and the release server, as the e2e tests)
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

const tmp = tempDir();
const server = await startServer({ database: join(tmp.dir, 'bench.db'), extraArgs: ['--demo'] });
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
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const start = Date.now();
    await page.goto(`${server.url}/formasi`);
    await page.waitForSelector('main table tbody tr', { timeout: 60_000 });
    runs.push(Date.now() - start);
  }
  const rows = await page.$$eval('main table tbody tr', (r) => r.length);
  assert.ok(rows > 10, 'the Formasi table shows the OPD');
  console.log(`BENCH offline reload to Formasi (whole city cached): ${runs.join(' ms, ')} ms; initial login + sync ${initialSync} ms`);
} finally {
  await browser.close();
  await server.stop();
  tmp.cleanup();
}
