// A shared tablet changes hands. The planner logs out and an employee logs in: the planner's copy
// of the city is removed from the device before the employee's data comes, so the employee's
// IndexedDB holds only what the server sends them. And when an account's session ends with
// changes still unsent, nobody else can log in on the device until that account has sent them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launchBrowser, loginInApp, MUTASI_BIN, pullAll, startServer, tempDir } from '../lib/harness.mjs';

/** How many records of `kind` the app holds in IndexedDB, and whose copy it is. */
const local = (page, kind) => page.evaluate(async (kind) => {
  const db = await new Promise((ok, err) => {
    const r = indexedDB.open('mutasi');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => err(r.error);
  });
  const get = (store, key) => new Promise((ok, err) => {
    const r = db.transaction(store).objectStore(store).get(key);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => err(r.error);
  });
  const info = await get('kinds', kind);
  const owner = await get('meta', 'owner');
  const outbox = await new Promise((ok) => {
    const r = db.transaction('outbox').objectStore('outbox').count();
    r.onsuccess = () => ok(r.result);
  });
  db.close();
  return { count: info?.count ?? 0, owner, outbox };
}, kind);

test('a tablet changes hands: the next account never sees the previous one\'s data or sends its changes', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const database = join(tmp.dir, 'e2e.db');
  const server = await startServer({ database, extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  // A tablet in Palembang: its clock is on WIB (UTC+7).
  const browser = await launchBrowser({ timezoneId: 'Asia/Jakarta' });
  t.after(browser.close);
  const page = await browser.context.newPage();

  // The planner works on the tablet: the whole city is on the device.
  await loginInApp(page, server.url, 'perencana', accounts.perencana.password);
  const city = await local(page, 'employee');
  assert.equal(city.owner, 'perencana');
  assert.ok(city.count > 100, `the city's employees are on the device (${city.count})`);
  // The last sync is told on the tablet's clock, the Indonesian way.
  const status = await page.textContent('#cache-status');
  assert.match(status, /^Sinkron terakhir: \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} \d{2}\.\d{2} WIB$/);
  const wib = new Date(Date.now() + 7 * 3600_000);
  assert.ok(status.includes(`${wib.getUTCDate()} `), `${status}: the date in WIB`);
  await page.click('#logout');
  await page.waitForSelector('a[href="/masuk"], #username', { timeout: 20_000 });

  // An employee logs in on the same tablet: only what the server sends them is kept.
  await loginInApp(page, server.url, 'pegawai', accounts.pegawai.password);
  const mine = await local(page, 'employee');
  const visible = (await pullAll(server.url, 'pegawai', accounts.pegawai.password))
    .filter((r) => r.kind === 'employee').length;
  assert.equal(mine.owner, 'pegawai');
  assert.equal(mine.count, visible, 'exactly the employee records the server gives this account');
  assert.ok(mine.count < city.count);

  // Offline, the employee saves a preference; then their session ends on the server (the
  // password is changed, which ends every session) before it is sent.
  await page.goto(`${server.url}/minat`);
  await page.waitForSelector('#minat-form', { timeout: 20_000 });
  await browser.context.setOffline(true);
  await page.click('#minat-form input[value="Plaju"]');
  await page.click('#minat-save');
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '1');
  const password = 'kata-sandi-baru-untuk-pegawai-2026';
  const passwd = spawnSync(MUTASI_BIN, ['user', 'passwd', 'pegawai', '--password-stdin', '--database', database],
    { input: `${password}\n`, encoding: 'utf8' });
  assert.equal(passwd.status, 0, passwd.stderr);
  await browser.context.setOffline(false);
  await page.waitForSelector('#account-name', { state: 'detached', timeout: 60_000 });
  // Signed out, the copy stays on the device but no screen shows it: the page asks to log in.
  await page.goto(`${server.url}/pegawai`);
  await page.waitForSelector('.no-data #no-data-login', { timeout: 20_000 });
  assert.equal(await page.$('main table'), null);
  assert.deepEqual(await page.$$eval('nav.main-nav a', (els) => els.map((a) => a.textContent.trim())),
    ['Beranda']);

  // The planner cannot take the tablet over yet: the employee's change would be lost or sent in
  // the wrong name. Nothing on the device changes.
  await page.goto(`${server.url}/masuk`);
  await page.fill('#username', 'perencana');
  await page.fill('#password', accounts.perencana.password);
  await page.click('form button[type="submit"]');
  await page.waitForSelector('.login .error, .login [role="alert"]', { timeout: 20_000 });
  assert.match(await page.textContent('.login'),
    /Perangkat ini masih menyimpan 1 perubahan akun pegawai yang belum terkirim\. Masuk dulu sebagai pegawai/);
  assert.equal(await page.$('#account-name'), null);
  const held = await local(page, 'employee');
  assert.deepEqual(held, { count: mine.count, owner: 'pegawai', outbox: 1 });

  // The employee logs in again (same copy, no new download) and the change goes out.
  await page.fill('#username', 'pegawai');
  await page.fill('#password', password);
  await page.click('form button[type="submit"]');
  await page.waitForSelector('#account-name', { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0',
    null, { timeout: 60_000 });
  const own = (await pullAll(server.url, 'pegawai', password)).find((r) => r.kind === 'employee');
  assert.ok(own.data.preferences.kecamatan.includes('Plaju'));
});

test('a planner whose scope changes keeps only the new scope on the device', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const database = join(tmp.dir, 'e2e.db');
  const server = await startServer({ database, extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const browser = await launchBrowser();
  t.after(browser.close);
  const page = await browser.context.newPage();
  await loginInApp(page, server.url, 'perencana', accounts.perencana.password);
  const before = await local(page, 'employee');
  assert.ok(before.count > 100, `${before.count}`);

  // BKPSDM moves the planner to another OPD: their sessions end.
  const units = (await pullAll(server.url, 'perencana-kota', accounts['perencana-kota'].password))
    .filter((r) => r.kind === 'unit');
  const opds = units.filter((u) => u.data.kind === 'Opd').map((u) => u.id);
  const mine = await (async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'perencana', password: accounts.perencana.password }),
    });
    return (await res.json()).account.scope.opd;
  })();
  const other = opds.find((o) => !mine.includes(o) && o !== 'DISDIK');
  const run = spawnSync(MUTASI_BIN, ['user', 'scope', 'perencana', '--opd', other, '--database', database],
    { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  await page.reload();
  await page.waitForSelector('#account-name', { state: 'detached', timeout: 60_000 });

  // The next login empties the old copy and pulls the new scope only.
  await loginInApp(page, server.url, 'perencana', accounts.perencana.password);
  const after = await local(page, 'employee');
  const visible = (await pullAll(server.url, 'perencana', accounts.perencana.password))
    .filter((r) => r.kind === 'employee').length;
  assert.equal(after.count, visible, 'exactly what the new scope may see');
  assert.notEqual(after.count, before.count);
  assert.equal(after.owner, 'perencana');
});
