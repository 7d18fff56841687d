// The app shell works offline after one online visit (service worker), and a new build is
// announced to the user and taken over only when they ask, with the old cache removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, MUTASI_DIST, startServer, tempDir } from '../lib/harness.mjs';

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
}

test('after one online visit the app opens with the server down', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db') });
  t.after(server.stop);
  const browser = await launchBrowser();
  t.after(browser.close);

  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector('#connection[data-state="online"]', { timeout: 15_000 });
  await controlled(page);
  const caches = await page.evaluate(() => caches.keys());
  assert.equal(caches.length, 1);
  assert.match(caches[0], /^mutasi-shell-[0-9a-f]{16}$/);

  await server.stop();
  await page.goto(`${server.url}/formasi`); // a client-side route, loaded with no server
  await page.waitForSelector('h1', { timeout: 15_000 });
  assert.equal(await page.textContent('h1'), 'Mutasi ASN — Pemerintah Kota Palembang');
  assert.match(await page.textContent('main h2'), /^Formasi/);
  await page.waitForSelector('#connection[data-state="offline"]', { timeout: 15_000 });
  await page.waitForSelector('#cache-status[data-state="ready"]', { timeout: 15_000 });
});

test('a new build is announced, applied on request, and the old cache is removed', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const dist = join(tmp.dir, 'dist');
  cpSync(MUTASI_DIST, dist, { recursive: true });
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), dist });
  t.after(server.stop);
  const browser = await launchBrowser();
  t.after(browser.close);

  const page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  await controlled(page);
  const [oldCache] = await page.evaluate(() => caches.keys());
  assert.equal(await page.isVisible('.update-banner'), false);

  // Publish a "new build": same files, another build id.
  const sw = join(dist, 'sw.js');
  const source = readFileSync(sw, 'utf8');
  const next = source.replace(/const BUILD = '([0-9a-f]+)'/, "const BUILD = 'feedfacefeedface'");
  assert.notEqual(next, source, 'sw.js carries a build id');
  writeFileSync(sw, next);
  // A real deployment writes the file later; make that visible to Last-Modified (1 s
  // resolution), or a revalidation within the same second would answer 304 with the old body.
  const later = new Date(Date.now() + 5_000);
  utimesSync(sw, later, later);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

  await page.waitForSelector('.update-banner', { timeout: 20_000 });
  assert.match(await page.textContent('.update-banner'), /Versi baru/);
  await Promise.all([
    page.waitForEvent('load', { timeout: 20_000 }),
    page.click('.update-banner button'),
  ]);
  await page.waitForSelector('h1', { timeout: 15_000 });
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    return names.length === 1 && names[0] === 'mutasi-shell-feedfacefeedface';
  }, null, { timeout: 20_000 });
  assert.notEqual(oldCache, 'mutasi-shell-feedfacefeedface');
});
