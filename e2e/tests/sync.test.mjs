// Offline-first end to end: an employee logs in and syncs, the server goes away, the app reloads
// with its data, changes are made offline and survive reloads, and when the server is back each
// change arrives exactly once. Then two devices edit the same record offline: both converge and
// the loser sees the conflict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { apiAs, launchBrowser, loginInApp, startServer, tempDir, pullAll } from '../lib/harness.mjs';

const pendingCount = (page) => page.$eval('#pending', (el) => Number(el.dataset.count));

async function auditCount(url, admin, action, actor) {
  let since = 0; let n = 0;
  for (;;) {
    const page = await apiAs(url, 'admin', admin.password, `/api/audit?since=${since}&limit=1000`);
    n += page.entries.filter((e) => e.action === action && e.actor === actor).length;
    if (!page.more) return n;
    since = page.cursor;
  }
}

async function toggleAndSave(page, value) {
  await page.click(`#minat-form input[value="${value}"]`);
  await page.click('#minat-save');
  await page.waitForSelector('#minat-status');
}

test('offline changes survive reloads and reach the server exactly once', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const database = join(tmp.dir, 'e2e.db');
  let server = await startServer({ database, extraArgs: ['--demo'] });
  const port = server.port;
  const accounts = await server.accounts();
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(browser.close);
  const page = await browser.context.newPage();

  await loginInApp(page, server.url, 'pegawai', accounts.pegawai.password);
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
  await page.goto(`${server.url}/minat`);
  await page.waitForSelector('#minat-form', { timeout: 20_000 });
  assert.equal(await pendingCount(page), 0);

  // The server goes away; the app reloads from the service worker and IndexedDB.
  await server.stop();
  await browser.context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#minat-form', { timeout: 20_000 });
  await page.waitForSelector('#connection[data-state="offline"]', { timeout: 15_000 });

  await toggleAndSave(page, 'Plaju');
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '1');
  await toggleAndSave(page, 'Kalidoni');
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '2');

  await page.reload();
  await page.waitForSelector('#minat-form', { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '2');
  assert.equal(await page.isChecked('#minat-form input[value="Plaju"]'), true);
  assert.equal(await page.isChecked('#minat-form input[value="Kalidoni"]'), true);

  // The server comes back (same port and database); the changes go out, once each.
  server = await startServer({ database, port });
  await browser.context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0',
    null, { timeout: 60_000 });
  await page.reload();
  await page.waitForSelector('#minat-form', { timeout: 20_000 });
  assert.equal(await page.isChecked('#minat-form input[value="Kalidoni"]'), true);

  assert.equal(await auditCount(server.url, accounts.admin, 'set_preferences', 'pegawai'), 2);
  const own = (await pullAll(server.url, 'pegawai', accounts.pegawai.password)).find((r) => r.kind === 'employee');
  assert.deepEqual([...own.data.preferences.kecamatan].sort(), ['Kalidoni', 'Plaju']);
});

test('two devices edit offline: both converge and the conflict is shown', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const database = join(tmp.dir, 'e2e.db');
  let server = await startServer({ database, extraArgs: ['--demo'] });
  const port = server.port;
  const accounts = await server.accounts();
  t.after(() => server.stop());
  const tablet = await launchBrowser();
  t.after(tablet.close);
  const phone = await launchBrowser();
  t.after(phone.close);
  const a = await tablet.context.newPage();
  const b = await phone.context.newPage();
  for (const page of [a, b]) {
    await loginInApp(page, server.url, 'pegawai', accounts.pegawai.password);
    await page.goto(`${server.url}/minat`);
    await page.waitForSelector('#minat-form', { timeout: 20_000 });
  }

  // Both go offline and change the same record.
  await tablet.context.setOffline(true);
  await phone.context.setOffline(true);
  await toggleAndSave(a, 'Sako');
  await toggleAndSave(b, 'Gandus');

  // The tablet syncs first and wins; the phone's change was made on a stale version.
  await tablet.context.setOffline(false);
  await a.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0', null, { timeout: 60_000 });
  await phone.context.setOffline(false);
  await b.waitForSelector('#conflicts', { timeout: 60_000 });
  assert.match(await b.textContent('#conflicts'), /1 konflik/);
  await b.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0', null, { timeout: 60_000 });

  // Both devices show the server's state.
  for (const page of [a, b]) {
    await page.reload();
    await page.waitForSelector('#minat-form', { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0');
    assert.equal(await page.isChecked('#minat-form input[value="Sako"]'), true);
    assert.equal(await page.isChecked('#minat-form input[value="Gandus"]'), false);
  }
  void port;
});
