// The employee's journey: a teacher due for rotation logs in, opens "Karier Saya", reads their
// rotation options ranked by fit with what each move does for their career (numbers quoted),
// sees why blocked posts are blocked, then states a preference while offline; it reaches the
// server when the connection is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { apiAs, launchBrowser, loginInApp, startServer, tempDir, pullAll } from '../lib/harness.mjs';

test('an employee reads their options with the career benefit and saves a preference offline', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const browser = await launchBrowser();
  t.after(browser.close);
  const page = await browser.context.newPage();

  await loginInApp(page, server.url, 'pegawai', accounts.pegawai.password);
  // Employees see their own pages, not the planner's.
  const nav = await page.$$eval('nav.main-nav a', (els) => els.map((a) => a.textContent.trim()));
  assert.ok(nav.includes('Karier Saya') && nav.includes('Minat'), nav.join(', '));
  assert.ok(!nav.includes('Rencana Mutasi') && !nav.includes('Talenta'), nav.join(', '));

  // Their Beranda is about them: the post and the rotation rule, with the numbers.
  await page.click('nav.main-nav a[href="/"]');
  await page.waitForSelector('#home-rotation', { timeout: 30_000 });
  assert.match(await page.textContent('#home-rotation'), /jatuh tempo.*maksimal \d+ tahun|maksimal \d+ tahun.*jatuh tempo/);

  await page.click('#nav-karier');
  await page.waitForSelector('#profil-options tbody tr', { timeout: 60_000 });
  const rows = await page.$$eval('#profil-options tbody tr', (trs) => trs.map((tr) => ({
    allowed: tr.classList.contains('allowed'),
    fit: Number(tr.querySelector('td.num').textContent.replace(',', '.')),
    gains: [...tr.querySelectorAll('.benefit.good')].map((li) => li.textContent),
    reasons: tr.querySelectorAll('td:nth-child(4) li').length,
    breakdown: tr.querySelectorAll('.fit-breakdown li').length,
  })));
  const allowed = rows.filter((r) => r.allowed);
  assert.ok(allowed.length > 0, 'someone due for rotation has posts to go to');
  // Allowed options come first, best fit first.
  const order = rows.map((r) => r.allowed);
  assert.deepEqual(order, [...order].sort((a, b) => Number(b) - Number(a)));
  for (let i = 1; i < allowed.length; i++) assert.ok(allowed[i - 1].fit >= allowed[i].fit);
  // Each option says what it does for the career; the rotation-due point quotes the numbers.
  for (const r of allowed) {
    assert.ok(r.gains.length > 0, 'a career benefit is spelled out');
    assert.equal(r.breakdown, 7, 'the fit breakdown lists its 7 components');
    assert.ok(r.gains.some((g) => /jatuh tempo/.test(g) && /\d+ tahun/.test(g) && /maksimal \d+ tahun/.test(g)),
      r.gains.join(' | '));
  }
  for (const r of rows.filter((x) => !x.allowed)) assert.ok(r.reasons > 0, 'a blocked post names its rule');

  // A preference stated offline reaches the server once the connection is back.
  await page.click('nav.main-nav a[href="/minat"]');
  await page.waitForSelector('#minat-form', { timeout: 20_000 });
  await browser.context.setOffline(true);
  await page.waitForSelector('#connection[data-state="offline"]', { timeout: 15_000 });
  await page.click('#minat-form input[value="Sukarami"]');
  await page.click('#minat-save');
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '1');
  await browser.context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0',
    null, { timeout: 60_000 });
  const me = { records: await pullAll(server.url, 'pegawai', accounts.pegawai.password) };
  const nip = (await apiAs(server.url, 'pegawai', accounts.pegawai.password, '/api/auth/me')).nip;
  const own = me.records.find((r) => r.kind === 'employee' && r.id === nip);
  assert.ok(own.data.preferences.kecamatan.includes('Sukarami'));
});
