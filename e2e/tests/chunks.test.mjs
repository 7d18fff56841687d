// The pages are lazily loaded wasm chunks (src/lazy_routes.rs, scripts/build-app.sh). Opening a
// page fetches its chunks; a chunk that fails to download must not take the app down: the page
// says so, the rest of the app keeps working, the next attempt fetches it again, and "Coba lagi"
// loads it once the network is back. A slow chunk shows "Memuat halaman…" meanwhile. The sync
// engine (with the code that reads the city from the device) is a chunk too: until it arrives the
// status bar says sync failed, the page says the data cannot be read yet, and both are retried. A
// first visit, signed out, needs no chunk at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

/** The demo server and a new device without a service worker (every file the page asks for
 * comes from the network, where a test can see or cut it), with the app files it asked for. */
async function newDevice(t) {
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
  const appFiles = [];
  page.on('request', (r) => { if (r.url().includes('/app/')) appFiles.push(new URL(r.url()).pathname); });
  return { server, accounts, page, errors, appFiles };
}

test('a page whose code fails to download says so, the app keeps working, and retry loads it', async (t) => {
  const { server, accounts, page, errors, appFiles: chunkRequests } = await newDevice(t);
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

test('the sync engine and the city reader come as a chunk after the first screen; while they cannot, the status bar and the page say so', async (t) => {
  const { server, accounts, page, errors } = await newDevice(t);
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
  // The code that reads the city from the device travels with the engine: the page says it
  // could not come and that it is tried again, rather than "loading" for ever.
  await page.waitForFunction(() => /Kode pembaca data belum dapat diunduh; dicoba lagi otomatis/
    .test(document.querySelector('.no-data')?.textContent ?? ''), null, { timeout: 20_000 });
  assert.equal((await page.textContent('.no-data')).trim(),
    'Data di perangkat tidak dapat dibaca: Kode pembaca data belum dapat diunduh; dicoba lagi otomatis');

  // It is asked for again with the retries; once it arrives the data syncs and the notice goes.
  broken = false;
  await page.waitForFunction(() => /Sinkron terakhir: \d/.test(document.querySelector('#cache-status')?.textContent ?? ''),
    null, { timeout: 90_000 });
  await page.waitForSelector('#sync-error', { state: 'detached', timeout: 10_000 });
  await page.waitForSelector('.no-data', { state: 'detached', timeout: 20_000 });
  assert.ok(asked >= 2, `the chunk was asked for again (${asked} requests)`);
  assert.deepEqual(errors, []);
});

test('a first visit, signed out, downloads no page chunk and no data code: Beranda introduces the app and offers the login', async (t) => {
  // (No service worker: it would precache every file; what the first screen itself asks for is
  // what a new device waits for.)
  const { server, accounts, page, errors, appFiles } = await newDevice(t);

  await page.goto(`${server.url}/`);
  await page.waitForSelector('.no-data #no-data-login', { timeout: 20_000 });
  assert.equal(await page.textContent('main h2'), 'Beranda');
  assert.match(await page.textContent('main .page > p'), /^Perencanaan mutasi dan rotasi ASN/);
  assert.equal((await page.textContent('.no-data')).trim(), 'Masuk untuk melihat data di perangkat ini. Masuk');
  assert.ok(await page.isVisible('#no-data-login'));
  assert.ok(await page.isVisible('h1'), 'the frame shows once the device is known to hold no session');
  const shots = join(process.cwd(), 'artifacts', 'screenshots');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'first-visit-signed-out-1280.png'), fullPage: false });
  // Whatever the app starts in the background after its first screen has had its moment.
  await page.waitForTimeout(1500);
  assert.deepEqual([...new Set(appFiles)].sort(),
    ['/app/__wasm_split.js', '/app/mutasi-web.js', '/app/mutasi-web_bg.wasm'],
    'only the main module: no page chunk, no sync or city-reading code');

  // The login link leads on. While the person types, the login page fetches what comes next:
  // Beranda's code and the sync engine's (which reads the city too).
  await page.click('#no-data-login');
  await page.waitForSelector('#username', { timeout: 10_000 });
  await page.waitForFunction(() => ['split_beranda.wasm', 'split_sync.wasm'].every((name) =>
    performance.getEntriesByType('resource').some((r) => r.name.endsWith(`/app/${name}`) && r.responseEnd > 0)),
  null, { timeout: 20_000 });
  assert.ok(appFiles.includes('/app/split_beranda.wasm') && appFiles.includes('/app/split_sync.wasm'));
  // Once signed in, Beranda is the full page with the city's figures.
  await page.fill('#username', 'perencana');
  await page.fill('#password', accounts.perencana.password);
  await page.click('form button[type="submit"]');
  await page.waitForSelector('#stat-shortage .stat-value', { timeout: 120_000 });
  assert.match(await page.textContent('#stat-shortage .stat-value'), /^\d/);
  assert.equal(await page.textContent('main h2'), 'Beranda');
  assert.equal(appFiles.filter((f) => f === '/app/split_beranda.wasm').length, 1, 'Beranda\'s code came once');
  assert.deepEqual(errors, []);
});
