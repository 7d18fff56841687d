// The employee's journey: a teacher due for rotation logs in, opens "Karier Saya", reads their
// rotation options ranked by fit with what each move does for their career (numbers quoted),
// sees why blocked posts are blocked, then states a preference while offline; it reaches the
// server when the connection is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiAs, launchBrowser, loginInApp, startServer, tempDir, pullAll } from '../lib/harness.mjs';

const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts', 'screenshots');

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
  await page.waitForSelector('#profil-options > li', { timeout: 60_000 });
  const readCards = () => page.$$eval('#profil-options > li', (lis) => lis.map((li) => ({
    allowed: li.classList.contains('allowed'),
    post: li.querySelector('.option-post').textContent.trim(),
    fit: Number(li.querySelector('.option-fit').textContent.match(/[\d.,]+/)[0].replace(',', '.')),
    verdict: li.querySelector('.verdict').innerText.trim(),
    standing: li.querySelector('.verdict .standing').textContent.trim(),
    gains: [...li.querySelectorAll('.benefit.good')].map((x) => x.textContent),
    needs: li.querySelectorAll('.verdict .needs li').length,
    breakdown: li.querySelectorAll('.fit-breakdown li').length,
    why: li.querySelector('.why')?.textContent ?? '',
  })));
  const rows = await readCards();
  const allowed = rows.filter((r) => r.allowed);
  assert.ok(allowed.length > 0, 'someone due for rotation has posts to go to');
  // Allowed options come first, best fit first.
  const order = rows.map((r) => r.allowed);
  assert.deepEqual(order, [...order].sort((a, b) => Number(b) - Number(a)));
  for (let i = 1; i < allowed.length; i++) assert.ok(allowed[i - 1].fit >= allowed[i].fit);
  // One card per jabatan name among the best fits (five "Kepala SD" rows were noise).
  const best = rows.filter((r) => r.why === '');
  for (const side of [true, false]) {
    const names = best.filter((r) => r.allowed === side).map((r) => r.post);
    assert.equal(new Set(names).size, names.length, names.join(' | '));
  }
  // The same jabatan nearest home is offered.
  assert.ok(rows.some((r) => r.why === 'Jabatan sama, terdekat dari rumah'), rows.map((r) => r.why).join(' | '));
  // Each option says what it does for the career; the rotation-due point quotes the numbers.
  for (const r of allowed) {
    assert.match(r.standing, /^Boleh/);
    assert.ok(r.gains.length > 0, 'a career benefit is spelled out');
    assert.equal(r.breakdown, 7, 'the fit breakdown lists its 7 components');
    assert.ok(r.gains.some((g) => /jatuh tempo/.test(g) && /\d+ tahun/.test(g) && /maksimal \d+ tahun/.test(g)),
      r.gains.join(' | '));
  }
  // A blocked post names what is still needed, and lists no gains.
  for (const r of rows.filter((x) => !x.allowed)) {
    assert.equal(r.standing, 'Belum boleh');
    assert.ok(r.needs > 0, 'a blocked post names its rule');
    assert.equal(r.gains.length, 0, `a blocked post lists gains: ${r.gains.join(' | ')}`);
  }

  // On a phone (390 px) the options are cards: nothing is cut off or needs sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => window.innerWidth === 390);
  const overflow = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      out.push(`page ${document.documentElement.scrollWidth} px wide`);
    }
    for (const el of document.querySelectorAll('#profil-options *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.left < -1 || r.right > window.innerWidth + 1)) {
        out.push(`${el.tagName}.${el.className}: ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
    }
    return out;
  });
  assert.deepEqual(overflow, [], overflow.join('\n'));
  const phone = await readCards();
  assert.deepEqual(phone.map((r) => r.verdict), rows.map((r) => r.verdict), 'the same content at 390 px');
  mkdirSync(SHOTS, { recursive: true });
  await page.locator('#profil-options > li').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'karier-options-390.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The request form the card links to gives the card's verdict, word for word.
  const card = page.locator('#profil-options > li:has(a.request-link)').first();
  const onCard = (await card.locator('.verdict').innerText()).trim();
  await card.locator('a.request-link').click();
  await page.waitForSelector('#request-verdict .verdict', { timeout: 30_000 });
  assert.equal((await page.locator('#request-verdict .verdict').innerText()).trim(), onCard);
  await page.screenshot({ path: join(SHOTS, 'request-form-1280.png') });

  // Opened fresh (a reload, the CPU 6× slower so the city takes a while to read), Minat shows
  // its form at once but keeps "Simpan" disabled, saying why, until the city is read: a click
  // then cannot be dropped. Every state the page shows is recorded as it changes.
  await page.goto(`${server.url}/minat`);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.evaluate(() => { sessionStorage.setItem('minat-states', '1'); });
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('minat-states')) return;
    const states = [];
    window.__minatStates = states;
    document.addEventListener('DOMContentLoaded', () => new MutationObserver(() => {
      const save = document.querySelector('#minat-save');
      if (!save) return;
      const wait = document.querySelector('#minat-preparing');
      states.push({ disabled: save.disabled, wait: wait?.offsetParent ? wait.innerText : null });
    }).observe(document.body, { subtree: true, childList: true, attributes: true }));
  });
  await page.reload();
  await page.waitForSelector('#minat-save:not([disabled])', { timeout: 60_000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const states = await page.evaluate(() => window.__minatStates);
  assert.ok(states.some((x) => x.disabled && /Menyiapkan data kota/.test(x.wait ?? '')),
    `Simpan was disabled with the reason shown before the city was read: ${JSON.stringify(states.slice(0, 5))}`);
  const last = states[states.length - 1];
  assert.equal(last.disabled, false);
  assert.equal(await page.locator('#minat-preparing').count(), 0, 'the reason goes once Simpan works');
  await page.screenshot({ path: join(SHOTS, 'minat-ready-1280.png') });

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
