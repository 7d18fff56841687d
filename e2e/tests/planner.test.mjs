// The planner's journey: a city planner plans the state primary schools (SD Negeri, Dinas
// Pendidikan) in the plan worker, watches the progress, locks a move, re-runs (the lock holds),
// saves and compares scenarios, turns the locked move into a proposal that reaches the server
// through the outbox, then accepts a whole vacancy chain in one action and proposes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

async function runPlan(page, { progress = false } = {}) {
  // The result on screen is marked, so the wait below takes this run's result, not the last.
  await page.evaluate(() => document.querySelector('#plan-result')?.setAttribute('data-seen', ''));
  await page.click('#plan-run');
  // The first run shows its progress while the worker loads the city and plans (a re-run of the
  // schools on the warm worker can be over before a frame is drawn).
  if (progress) await page.waitForSelector('#plan-progress', { timeout: 10_000 });
  await page.waitForSelector('#plan-result:not([data-seen]), #plan-error', { timeout: 120_000 });
  const error = await page.$('#plan-error');
  if (error) throw new Error(`plan failed: ${await error.textContent()}`);
  return Number(await page.$eval('#plan-result', (el) => el.dataset.moves));
}

test('a planner plans the schools, locks a move, re-runs and proposes it', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const shots = join(process.cwd(), 'artifacts', 'screenshots');
  mkdirSync(shots, { recursive: true });
  const browser = await launchBrowser();
  t.after(browser.close);
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await loginInApp(page, server.url, 'perencana-kota', accounts['perencana-kota'].password);
  // The header names the role as the city says it; the menu holds what a planner may open.
  await page.waitForFunction(() => document.querySelector('nav.main-nav a[href="/rencana"]'));
  assert.equal(await page.textContent('#account-name'), 'perencana-kota · Perencana BKPSDM');
  assert.deepEqual(await page.$$eval('nav.main-nav a', (els) => els.map((a) => a.textContent.trim())),
    ['Beranda', 'Pegawai', 'Formasi', 'Rencana Mutasi', 'Talenta', 'Usulan', 'SK', 'Dampak']);
  await page.click('nav.main-nav a[href="/rencana"]');
  await page.waitForSelector('#plan-scope', { timeout: 20_000 });
  await page.selectOption('#plan-scope', 'kind:SdNegeri');

  const first = await runPlan(page, { progress: true });
  assert.ok(first > 0, 'the schools plan moves someone');
  // Every move shown is inside SD Negeri and has its reasons.
  const shown = await page.$$eval('#plan-groups .move', (els) => els.map((el) => ({
    nip: el.dataset.nip, slot: el.dataset.slot,
    to: el.querySelector('.to').textContent, reasons: el.querySelectorAll('.reasons li').length,
  })));
  assert.ok(shown.length > 0);
  for (const m of shown) {
    assert.match(m.to, /SD Negeri/i, JSON.stringify(m));
    assert.ok(m.reasons > 0, `${m.nip} has reasons`);
  }

  // The pager, as a person sees it: its label, which buttons are enabled, and that the next
  // page shows other moves.
  const label = async () => (await page.textContent('#plan-result .pager span')).trim();
  const pages = Number((await label()).match(/^Halaman 1 dari (\d+)$/)?.[1]);
  assert.ok(pages > 1, `more than one page of groups: "${await label()}"`);
  assert.equal((await page.textContent('#plan-next')).trim(), 'Berikutnya →');
  assert.equal((await page.textContent('#plan-prev')).trim(), '← Sebelumnya');
  assert.equal(await page.isDisabled('#plan-prev'), true);
  assert.equal(await page.isEnabled('#plan-next'), true);
  const moves = () => page.$$eval('#plan-groups .move', (els) => els.map((e) => `${e.dataset.nip}>${e.dataset.slot}`));
  const onFirst = await moves();
  await page.click('#plan-next');
  await page.waitForFunction(() => document.querySelector('#plan-result .pager span')
    ?.textContent.trim().startsWith('Halaman 2 dari'));
  const onSecond = await moves();
  assert.ok(onSecond.length > 0, 'the second page shows moves');
  assert.ok(onSecond.every((m) => !onFirst.includes(m)), 'the second page shows other moves');
  assert.equal(await page.isEnabled('#plan-prev'), true);
  await page.click('#plan-prev');
  await page.waitForFunction(() => document.querySelector('#plan-result .pager span')
    ?.textContent.trim().startsWith('Halaman 1 dari'));
  assert.deepEqual(await moves(), onFirst);

  // Lock the first move and re-run: it is kept, marked as forced.
  const { nip, slot } = shown[0];
  const sel = `#plan-groups .move[data-nip="${nip}"][data-slot="${slot}"]`;
  await page.click(`${sel} button.lock`);
  await page.waitForSelector(`${sel}.locked`);
  assert.match(await page.textContent('#decisions'), new RegExp(nip));
  await page.fill('#scenario-name', 'Tanpa kunci');
  await page.click('#scenario-save');
  await page.waitForSelector('#scenario-list li[data-name="Tanpa kunci"]');

  await runPlan(page);
  await page.fill('#plan-filter', nip);
  await page.waitForSelector(`${sel} .badge`);
  assert.equal(await page.getAttribute(`${sel} button.lock`, 'aria-pressed'), 'true');
  await page.fill('#scenario-name', 'Dengan kunci');
  await page.click('#scenario-save');

  // Compare the two scenarios.
  await page.selectOption('#compare-a', 'Tanpa kunci');
  await page.selectOption('#compare-b', 'Dengan kunci');
  await page.waitForSelector('#scenario-compare');
  const diff = await page.$eval('#scenario-diff', (el) => ({ both: Number(el.dataset.both) }));
  assert.ok(diff.both >= 1, 'the locked move is in both scenarios');

  // The scenarios survive a reload (kept in IndexedDB).
  await page.reload();
  await page.waitForSelector('#scenario-list li[data-name="Dengan kunci"]', { timeout: 20_000 });
  await page.click('#scenario-list li[data-name="Dengan kunci"] button.open');
  await page.waitForSelector('#plan-result');
  await page.fill('#plan-filter', nip);
  await page.waitForSelector(`${sel}.locked`);

  // Turn the locked move into a proposal: recorded on the device, then pushed.
  await page.check('#proposal-override');
  await page.click('#proposal-create');
  await page.waitForSelector('#proposal-result[data-created="1"]', { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0',
    null, { timeout: 60_000 });
  const problems = await page.$$eval('#proposal-problems li', (els) => els.map((e) => e.textContent));
  assert.deepEqual(problems, []);
  assert.equal(await page.$$eval('#conflicts li', (els) => els.length).catch(() => 0), 0);

  // The proposals on the server, pulled page by page as the planner's account.
  const onServer = async () => {
    let proposals = []; let cursor = 0; let more = true;
    while (more) {
      const next = await apiAs(server.url, 'perencana-kota', accounts['perencana-kota'].password,
        `/api/sync/pull?since=${cursor}&limit=5000`);
      proposals = proposals.concat(next.records.filter((r) => r.kind === 'proposal'));
      cursor = next.cursor; more = next.more;
    }
    return proposals;
  };
  const proposals = await onServer();
  const mine = proposals.filter((r) => r.data.nip === nip);
  assert.equal(mine.length, 1, JSON.stringify(mine));
  assert.equal(mine[0].data.slot, slot);
  assert.equal(mine[0].data.source, 'plan');

  // A whole vacancy chain accepted in one action and turned into proposals together.
  await page.fill('#plan-filter', '');
  await page.selectOption('#plan-kind', 'chain');
  await page.waitForFunction(() => [...document.querySelectorAll('#plan-groups > li')]
    .every((g) => g.dataset.kind === 'Vacancy chain'));
  const chain = await page.$$eval('#plan-groups > li', (gs, skip) => {
    const g = gs.map((g, i) => ({ i, moves: [...g.querySelectorAll('.move')]
      .map((m) => ({ nip: m.dataset.nip, slot: m.dataset.slot })) }))
      .filter((g) => g.moves.length >= 2 && g.moves.every((m) => m.nip !== skip))
      .sort((a, b) => b.moves.length - a.moves.length)[0];
    return g;
  }, nip);
  assert.ok(chain, 'a vacancy chain of two or more moves on the first page');
  const group = `#plan-groups > li:nth-child(${chain.i + 1})`;
  const k = chain.moves.length;
  assert.equal((await page.textContent(`${group} button.accept-group`)).trim(),
    `Terima seluruh kelompok (${k} mutasi)`);
  await page.click(`${group} button.accept-group`);
  await page.waitForFunction((g) => document.querySelectorAll(`${g} .move.locked`).length
    === document.querySelectorAll(`${g} .move`).length, group);
  assert.match(await page.textContent(`${group} button.accept-group`), /^✓ Kelompok diterima/);
  await page.screenshot({ path: join(shots, 'rencana-chain-accepted-1280.png'), fullPage: false });
  // The bar's jump lands on the proposal form, with focus there.
  await page.click('#to-propose');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'propose-h');
  assert.equal((await page.textContent('#proposal-create')).trim(), `Buat ${k} usulan`);
  const created = Number(await page.getAttribute('#proposal-result', 'data-created'));
  await page.click('#proposal-create');
  // Either every move of the chain is proposed, or the page says why not.
  await page.waitForFunction((n) => document.querySelector('#proposal-result')?.dataset.created === n
    || document.querySelector('#proposal-problems li'), String(created + k), { timeout: 20_000 });
  assert.deepEqual(await page.$$eval('#proposal-problems li', (els) => els.map((e) => e.textContent)), []);
  assert.equal(await page.getAttribute('#proposal-result', 'data-created'), String(created + k));
  assert.match(await page.textContent('#proposal-result'), new RegExp(`^${created + k} usulan tersimpan`));
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0',
    null, { timeout: 60_000 });
  const after = await onServer();
  for (const m of chain.moves) {
    const got = after.filter((r) => r.data.nip === m.nip);
    assert.equal(got.length, 1, `one proposal for ${m.nip}`);
    assert.equal(got[0].data.slot, m.slot);
  }

  // Offline too: the app shell and the plan worker come from the service worker's cache.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
  await browser.context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#connection[data-state="offline"]', { timeout: 20_000 });
  await page.selectOption('#plan-scope', 'kind:SmpNegeri');
  assert.ok(await runPlan(page) > 0, 'the plan runs offline');
  await browser.context.setOffline(false);
  assert.deepEqual(errors, []);
});
