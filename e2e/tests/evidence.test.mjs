// Outcomes through the real-data path (issue 22): `serve --demo` stores the demo city's outcome
// histories as records of kind `outcome`; an approver's device pulls them with the rest and the
// Dampak screen answers "did moving principals help?" from the device's copy, with no file
// chosen, also with the server down. An OPD planner pulls the outcomes of its OPD's units only,
// an employee none. "Staf baru" switches the schools' and service units' answers to the new-staff
// comparison; the people's answer has its rater comparison beside it; an employee's SKP history
// names the rater.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, loginInApp, pullAll, startServer, tempDir } from '../lib/harness.mjs';

test('the Dampak screen shows the estimate from synced outcomes without a file', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();

  // Who pulls outcome records.
  const outcomes = async (user) => (await pullAll(server.url, user, accounts[user].password))
    .filter((r) => r.kind === 'outcome');
  const everyone = await outcomes('approver');
  assert.ok(everyone.length > 1000, `the demo's outcomes are stored: ${everyone.length}`);
  assert.equal((await outcomes('pegawai')).length, 0, 'an employee pulls no outcome');
  const planner = await outcomes('perencana');
  assert.ok(planner.length > 0 && planner.length < everyone.length,
    `an OPD planner pulls its own units' outcomes: ${planner.length} of ${everyone.length}`);

  const browser = await launchBrowser();
  t.after(browser.close);
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await loginInApp(page, server.url, 'approver', accounts.approver.password);
  await page.click('nav.main-nav a[href="/dampak"]');
  await page.waitForSelector('#bukti-estimate', { timeout: 60_000 });
  assert.equal(await page.getAttribute('#bukti-source', 'data-source'), 'stored');
  assert.match(await page.textContent('#bukti-answer'), /^Jawaban: Ya/);
  assert.match(await page.textContent('#bukti-estimate'), /^Perkiraan dampak: \+\d+,\d+ poin$/);
  assert.match(await page.textContent('#bukti-interval'), /^Selang kepercayaan 95%: \d+,\d+ sampai \d+,\d+$/);
  assert.ok(await page.isVisible('.event-chart'), 'the event study is drawn');
  assert.ok(await page.isVisible('#layanan-answer'), 'the service units are answered beside it');
  const shots = join(process.cwd(), 'artifacts', 'screenshots');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'dampak-evidence.png'), fullPage: false });

  // "Staf baru" instead of "Kepala baru": the answer, estimate and comparison group follow the
  // choice (the demo plants an effect of principals, none of new staff: "Belum terlihat").
  const headComparison = await page.textContent('#bukti-comparison');
  const headEstimate = await page.textContent('#bukti-estimate');
  assert.match(headComparison, /sekolah yang kepala sekolahnya tidak berganti/);
  assert.equal(await page.textContent('#bukti h3'), 'Apakah mutasi kepala sekolah membantu?');
  await page.selectOption('#bukti-treatment', 'staff');
  await page.waitForFunction(
    () => /staf baru/.test(document.querySelector('#bukti-comparison')?.textContent ?? ''),
    null, { timeout: 30_000 });
  assert.match(await page.textContent('#bukti-staff-rule'),
    /sedikitnya 25% staf definitifnya saat ini mulai menjabat/);
  assert.match(await page.textContent('#bukti-comparison'),
    /^Kelompok pembanding: \d+ sekolah yang tidak satu tahun pun menerima staf baru sebanyak 25% stafnya selama 2022–2026, dibanding \d+ sekolah dengan staf baru\.$/);
  assert.notEqual(await page.textContent('#bukti-estimate'), headEstimate);
  assert.match(await page.textContent('#bukti-answer'), /^Jawaban: Belum terlihat/);
  assert.ok(await page.isVisible('#bukti-staff-units'), 'the units with new staff are listed');
  assert.equal(await page.textContent('#bukti h3'),
    'Apakah sekolah yang mendapat banyak guru dan tenaga baru menjadi lebih baik?', 'the question follows the choice');
  assert.match(await page.textContent('#bukti > p'), /^Sekolah yang sebagian besar pegawainya baru masuk/);
  assert.ok(await page.isVisible('.event-chart'), 'the event study follows the choice');
  await page.locator('#bukti-treatment').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'dampak-evidence-staff.png'), fullPage: false });
  // The service units have the same choice.
  await page.selectOption('#layanan-treatment', 'staff');
  await page.waitForFunction(
    () => /unit dengan staf baru/.test(document.querySelector('#layanan-comparison')?.textContent ?? ''),
    null, { timeout: 30_000 });
  assert.ok(await page.isVisible('#layanan-staff-units'));
  assert.equal(await page.textContent('#layanan h3'),
    'Apakah puskesmas dan unit layanan yang mendapat banyak pegawai baru melayani lebih baik?');
  // Back to a new head: the principals' answer again.
  await page.selectOption('#bukti-treatment', 'head');
  await page.waitForFunction(
    (want) => document.querySelector('#bukti-comparison')?.textContent === want,
    headComparison, { timeout: 30_000 });
  assert.match(await page.textContent('#bukti-answer'), /^Jawaban: Ya/);
  // People: the second comparison, against employees whose rater changed, is answered beside.
  // The demo keeps no earlier heads, so no unmoved employee has two known raters in a row: the
  // answer says so, about employees (not "unit").
  assert.match(await page.textContent('#pegawai-penilai-answer'),
    /^Jawaban: belum cukup data: \d+ pegawai pembanding, minimal \d+$/);
  await page.locator('#pegawai-bukti').screenshot({ path: join(shots, 'dampak-people-rater.png') });

  // An employee's SKP history names the rater (pejabat penilai kinerja).
  const records = await pullAll(server.url, 'approver', accounts.approver.password);
  const people = new Map(records.filter((r) => r.kind === 'employee' && r.data)
    .map((r) => [r.id, r.data]));
  const latest = (e) => [...(e.skp ?? [])].sort((a, b) => b.year - a.year)[0];
  const rated = [...people.values()].find((e) => people.has(latest(e)?.rater ?? ''));
  assert.ok(rated, 'the demo has SKP records rated by someone in the data');
  const rater = people.get(latest(rated).rater);
  await page.goto(`${server.url}/pegawai/${rated.nip}`);
  await page.waitForSelector('#profil-skp li .rater', { timeout: 60_000 });
  const first = await page.textContent('#profil-skp li:first-child');
  assert.ok(first.startsWith(`${latest(rated).year}: `), first);
  assert.ok(first.endsWith(`Penilai: ${rater.name}`), first);
  await page.locator('#profil-skp').screenshot({ path: join(shots, 'profil-skp-rater.png') });
  await page.click('nav.main-nav a[href="/dampak"]');
  await page.waitForSelector('#bukti-estimate', { timeout: 60_000 });

  // With the server down, the answer stays: it is read from the device's copy.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
  await server.stop();
  await page.reload();
  await page.waitForSelector('#bukti-estimate', { timeout: 60_000 });
  assert.equal(await page.getAttribute('#bukti-source', 'data-source'), 'stored');
  assert.deepEqual(errors, []);
});
