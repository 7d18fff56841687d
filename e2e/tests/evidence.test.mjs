// Outcomes through the real-data path (issue 22): `serve --demo` stores the demo city's outcome
// histories as records of kind `outcome`; an approver's device pulls them with the rest and the
// Dampak screen answers "did moving principals help?" from the device's copy, with no file
// chosen, also with the server down. An OPD planner pulls the outcomes of its OPD's units only,
// an employee none.
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

  // With the server down, the answer stays: it is read from the device's copy.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
  await server.stop();
  await page.reload();
  await page.waitForSelector('#bukti-estimate', { timeout: 60_000 });
  assert.equal(await page.getAttribute('#bukti-source', 'data-source'), 'stored');
  assert.deepEqual(errors, []);
});
