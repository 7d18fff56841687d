// One number, one function (issue 20): the city planner sees the same shortage on Beranda, on
// Formasi and as the "before" of a whole-city plan, each with its definition one tap away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

test('the shortage reads the same on Beranda, Formasi and the plan', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const browser = await launchBrowser();
  t.after(browser.close);
  const page = await browser.context.newPage();
  const shots = join(process.cwd(), 'artifacts', 'screenshots');
  mkdirSync(shots, { recursive: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await loginInApp(page, server.url, 'perencana-kota', accounts['perencana-kota'].password);
  await page.waitForSelector('#stat-shortage .stat-value', { timeout: 60_000 });
  const beranda = (await page.textContent('#stat-shortage .stat-value')).trim();
  assert.match(beranda, /^\d{1,3}(\.\d{3})*(,\d)?$/, `a number as Indonesians write it: ${beranda}`);
  assert.ok(await page.isVisible('details.definition summary'), 'the definition is offered');
  await page.click('details.definition summary');
  assert.match(await page.textContent('details.definition'), /unit × jabatan/);
  await page.screenshot({ path: join(shots, 'figures-beranda.png'), fullPage: false });

  await page.click('nav.main-nav a[href="/formasi"]');
  await page.waitForSelector('p.totals', { timeout: 20_000 });
  const totals = (await page.textContent('p.totals')).trim();
  assert.ok(totals.includes(`Kekurangan: ${beranda} orang`), `Formasi "${totals}" vs Beranda ${beranda}`);
  await page.screenshot({ path: join(shots, 'figures-formasi.png'), fullPage: false });

  await page.click('nav.main-nav a[href="/rencana"]');
  await page.waitForSelector('#plan-scope', { timeout: 20_000 });
  await page.selectOption('#plan-scope', 'city');
  await page.click('#plan-run');
  await page.waitForSelector('#plan-result, #plan-error', { timeout: 180_000 });
  assert.equal(await page.$('#plan-error'), null, 'the plan runs');
  // The plan shows today's figure (Beranda's) beside its "before", the state on the TMT after
  // the retirements by then, and says why they differ.
  const todayLine = (await page.textContent('#plan-today')).trim();
  assert.ok(todayLine.startsWith(`Kekurangan hari ini: ${beranda} orang`), todayLine);
  const retiring = Number(todayLine.match(/: ([\d.]+) pegawai pensiun/)[1].replace(/\./g, ''));
  const before = (await page.textContent('#plan-figures tr[data-figure="Shortage (people)"] td')).trim();
  const value = (s) => Number(s.replace(/\./g, '').replace(',', '.'));
  if (retiring === 0) assert.equal(before, beranda, 'no retirement: the same figure');
  else assert.ok(value(before) >= value(beranda), `${before} after ${retiring} retirements vs ${beranda}`);
  await page.screenshot({ path: join(shots, 'figures-rencana.png'), fullPage: false });
  assert.deepEqual(errors, []);
});
