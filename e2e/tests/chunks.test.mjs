// The pages are lazily loaded wasm chunks (src/lazy_routes.rs, scripts/build-app.sh). Opening a
// page fetches its chunks; a chunk that fails to download must not take the app down: the page
// says so, the rest of the app keeps working, the next attempt fetches it again, and "Coba lagi"
// loads it once the network is back. A slow chunk shows "Memuat halaman…" meanwhile. The sync
// engine is a chunk too: until it arrives the status bar says sync failed, and it is retried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

test('a page whose code fails to download says so, the app keeps working, and retry loads it', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(server.stop);
  const accounts = await server.accounts();
  // No service worker: every chunk comes from the network, where the test can cut it.
  const browser = await launchBrowser({ serviceWorkers: 'block' });
  t.after(browser.close);
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));

  const chunkRequests = [];
  page.on('request', (r) => { if (r.url().includes('/app/')) chunkRequests.push(new URL(r.url()).pathname); });
  let broken = true;
  await page.route('**/app/split_organisasi.wasm', (route) => (broken ? route.abort('connectionreset') : route.continue()));

  await loginInApp(page, server.url, 'perencana', accounts.perencana.password);
  // The first screen needs the main wasm and the Beranda chunks, not the other pages'. (Pages
  // come in split modules, src/lazy_routes.rs: Talenta is in "organisasi", Rencana in "rencana".)
  assert.ok(chunkRequests.includes('/app/split_beranda.wasm'), 'Beranda came as a chunk');
  assert.ok(!chunkRequests.includes('/app/split_rencana.wasm'), 'Rencana is not loaded before it is opened');

  await page.click('nav.main-nav a[href="/talenta"]');
  await page.waitForSelector('#page-load-failed', { timeout: 15_000 });
  assert.equal(await page.textContent('#page-load-failed h2'), 'Halaman ini belum dapat dimuat');
  assert.match(await page.textContent('#page-load-failed p'), /Data Anda tetap aman/);

  // The app is alive: another page opens, and its chunk is fetched only now. On a slow link the
  // shell says the page is loading until it is there.
  await page.route('**/app/split_rencana.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.click('nav.main-nav a[href="/rencana"]');
  await page.waitForSelector('#page-loading', { timeout: 5_000 });
  assert.equal(await page.textContent('#page-loading'), 'Memuat halaman…');
  await page.waitForSelector('main h2:text-matches("^Rencana")', { timeout: 15_000 });
  await page.waitForSelector('#page-loading', { state: 'detached', timeout: 5_000 });
  assert.ok(chunkRequests.includes('/app/split_rencana.wasm'));

  // Back to Talenta while the network is still bad: fetched again (a failure is not kept), fails
  // again.
  const before = chunkRequests.filter((p) => p === '/app/split_organisasi.wasm').length;
  await page.click('nav.main-nav a[href="/talenta"]');
  await page.waitForSelector('#page-load-failed', { timeout: 15_000 });
  const after = chunkRequests.filter((p) => p === '/app/split_organisasi.wasm').length;
  assert.equal(after, before + 1, 'the failed chunk is requested again');

  // The network is back: "Coba lagi" loads the page.
  broken = false;
  await page.click('#page-load-failed button');
  await page.waitForSelector('main h2:text-is("Talenta")', { timeout: 20_000 });
  assert.equal(await page.$('#page-load-failed'), null);
  assert.deepEqual(errors, [], 'no uncaught errors: a failed chunk is handled, not a crash');
});

test('the sync engine comes as a chunk after the first screen; while it cannot, the status bar says so', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(server.stop);
  const accounts = await server.accounts();
  const browser = await launchBrowser({ serviceWorkers: 'block' });
  t.after(browser.close);
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  let broken = true;
  let asked = 0;
  await page.route('**/app/split_sync.wasm', (route) => {
    asked += 1;
    return broken ? route.abort('connectionreset') : route.continue();
  });

  await page.goto(`${server.url}/masuk`);
  await page.fill('#username', 'pegawai');
  await page.fill('#password', accounts.pegawai.password);
  await page.click('form button[type="submit"]');
  await page.waitForSelector('#account-name', { timeout: 20_000 });
  // The engine's code did not come: said in the status bar, in the chosen language, and the
  // app keeps working (the first screen is there).
  await page.waitForSelector('#sync-error', { timeout: 30_000 });
  assert.match(await page.textContent('#sync-error'),
    /^⚠ Sinkronisasi gagal: Kode sinkronisasi belum dapat diunduh; dicoba lagi nanti\. Dicoba lagi otomatis\.$/);
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.querySelector('#sync-error')?.textContent.startsWith('⚠ Sync failed: The sync code'),
    null, { timeout: 10_000 });
  await page.click('#lang-switch');
  await page.waitForSelector('main h2', { timeout: 20_000 });

  // It is asked for again with the retries; once it arrives the data syncs and the notice goes.
  broken = false;
  await page.waitForFunction(() => /Sinkron terakhir: \d/.test(document.querySelector('#cache-status')?.textContent ?? ''),
    null, { timeout: 90_000 });
  await page.waitForSelector('#sync-error', { state: 'detached', timeout: 10_000 });
  assert.ok(asked >= 2, `the chunk was asked for again (${asked} requests)`);
  assert.deepEqual(errors, []);
});
