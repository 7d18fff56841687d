// Accounts from the roster (issue 19, "Akun"), as an admin and an employee do it, in Chromium
// against a real server on the demo city: the admin creates the accounts of one OPD on the Akun
// page and reads a code from the activation letters on screen and from the CSV; the employee
// activates the account with NIP and code on the login page, chooses a password and lands on
// their home page; the admin resets the account, and the old password no longer logs in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

const login = (url, username, password) => fetch(`${url}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});

test('an admin creates accounts for one OPD, an employee activates theirs, a reset ends the old password', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const shots = join(process.cwd(), 'artifacts', 'screenshots');
  mkdirSync(shots, { recursive: true });
  const browser = await launchBrowser({ acceptDownloads: true });
  t.after(browser.close);
  const page = await browser.context.newPage();

  // The admin finds Akun in the menu.
  await loginInApp(page, server.url, 'admin', accounts.admin.password);
  await page.click('nav.main-nav a[href="/akun"]');
  await page.waitForSelector('#akun-roster-create', { timeout: 30_000 });
  assert.match(await page.textContent('main h2'), /^Akun/);
  await page.waitForSelector('#akun-table tbody tr', { timeout: 20_000 });
  const before = await page.$$eval('#akun-table tbody tr', (rows) => rows.length);

  // Accounts for BKPSDM's employees.
  await page.check('#akun-roster-opd input[value="BKPSDM"]');
  await page.click('#akun-roster-create');
  await page.waitForSelector('#akun-codes .letter', { timeout: 60_000 });
  const title = await page.textContent('#akun-codes-title');
  const n = Number(title.match(/^(\d+) kode aktivasi dibuat/)?.[1]);
  assert.ok(n > 0, title);
  assert.equal(await page.$$eval('#akun-codes .letter', (l) => l.length), n);
  const letter = await page.$eval('#akun-codes .letter', (el) => ({
    nip: el.querySelector('.nip').textContent,
    code: el.querySelector('.code').textContent,
    text: el.textContent,
  }));
  assert.match(letter.nip, /^\d{18}$/);
  assert.match(letter.code, /^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
  assert.ok(letter.text.includes(`${server.url}/masuk`), letter.text);
  assert.match(letter.text, /Berlaku sampai/);
  await page.screenshot({ path: join(shots, 'akun-codes-1280.png'), fullPage: false });

  // The CSV holds the same code for the same NIP.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#akun-csv')]);
  assert.equal(download.suggestedFilename(), 'kode-aktivasi.csv');
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'nip,nama,unit,kode_aktivasi,berlaku_sampai,alamat_masuk');
  assert.equal(csv.length, n + 1);
  assert.ok(csv.some((row) => row.startsWith(`${letter.nip},`) && row.includes(letter.code)), csv[1]);

  // The list shows the new accounts waiting for their activation; the filters find them.
  await page.waitForFunction((want) => document.querySelectorAll('#akun-table tbody tr').length === want,
    before + n, { timeout: 20_000 });
  await page.fill('#akun-search', letter.nip);
  await page.waitForFunction(() => document.querySelectorAll('#akun-table tbody tr').length === 1);
  assert.match(await page.textContent('#akun-table tbody tr .state'), /Menunggu aktivasi/);
  await page.fill('#akun-search', '');
  await page.selectOption('#akun-opd', 'BKPSDM');
  // BKPSDM's accounts: the new ones, and any that existed before (a demo account).
  await page.waitForFunction((want) => {
    const rows = document.querySelectorAll('#akun-table tbody tr').length;
    return rows >= want.n && rows < want.all;
  }, { n, all: before + n });
  await page.click('#logout');
  await page.waitForSelector('a[href="/masuk"], #username', { timeout: 20_000 });

  // The employee activates the account from the login page.
  await page.goto(`${server.url}/masuk`);
  await page.click('#show-activate');
  await page.fill('#activate-nip', letter.nip);
  await page.fill('#activate-code', 'salah-salah');
  await page.fill('#activate-password', 'sandi-pegawai-baru-1');
  await page.fill('#activate-again', 'sandi-pegawai-baru-1');
  await page.click('#activate-form button[type="submit"]');
  await page.waitForSelector('.login .error', { timeout: 20_000 });
  assert.match(await page.textContent('.login .error'), /kode aktivasi salah/);
  await page.fill('#activate-code', letter.code.toLowerCase());
  await page.click('#activate-form button[type="submit"]');
  // The admin's copy is emptied first (the app restarts on "/"), then the employee's data syncs.
  await page.waitForFunction(() => location.pathname === '/' && document.querySelector('#account-name'),
    null, { timeout: 30_000 });
  await page.waitForFunction(() => /Sinkron terakhir: \d/.test(document.querySelector('#cache-status')?.textContent ?? ''),
    null, { timeout: 120_000 });
  assert.match(await page.textContent('#account-name'), new RegExp(letter.nip));
  // The employee's home page, with the employee's menu (no Akun, no Data).
  const nav = await page.$$eval('nav.main-nav a', (links) => links.map((a) => a.getAttribute('href')));
  assert.ok(!nav.includes('/akun') && !nav.includes('/data'), nav.join(' '));
  await page.screenshot({ path: join(shots, 'akun-activated-1280.png'), fullPage: false });
  assert.equal((await login(server.url, letter.nip, 'sandi-pegawai-baru-1')).status, 200);
  await page.click('#logout');
  await page.waitForSelector('a[href="/masuk"], #username', { timeout: 20_000 });

  // The admin resets the account: a second question, then a new code.
  await loginInApp(page, server.url, 'admin', accounts.admin.password);
  await page.goto(`${server.url}/akun`);
  await page.waitForSelector('#akun-search', { timeout: 30_000 });
  await page.fill('#akun-search', letter.nip);
  await page.waitForFunction(() => document.querySelectorAll('#akun-table tbody tr').length === 1,
    null, { timeout: 20_000 });
  assert.match(await page.textContent('#akun-table tbody tr .state'), /Aktif/);
  await page.click('#akun-table tbody tr .akun-reset');
  assert.match(await page.textContent('#akun-table tbody tr .confirm'), /Kata sandi lama tidak berlaku lagi/);
  await page.click('#akun-table tbody tr .akun-reset-yes');
  await page.waitForSelector(`#akun-codes .letter[data-nip="${letter.nip}"]`, { timeout: 30_000 });
  const newCode = await page.textContent('#akun-codes .letter .code');
  assert.notEqual(newCode, letter.code);
  await page.waitForFunction(() => /Menunggu aktivasi/.test(
    document.querySelector('#akun-table tbody tr .state')?.textContent ?? ''), null, { timeout: 20_000 });
  await page.screenshot({ path: join(shots, 'akun-reset-1280.png'), fullPage: false });
  assert.equal((await login(server.url, letter.nip, 'sandi-pegawai-baru-1')).status, 401,
    'the old password no longer works');
});
