// Proposals (usulan) end to end: the employee requests two of their rotation options and submits
// them (API); BKPSDM (perencana-kota) on a tablet checks both files while offline, while a second
// device of BKPSDM (the API) checks the first and returns the second, which the employee
// resubmits. Back online the tablet shows both conflicts and resolves them both ways: the first
// by keeping the server's version (its step can no longer apply), the second by re-applying the
// check on the server's version. Finally the employee sees the "new" badge for the changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  apiAs, launchBrowser, loginInApp, loginToken, startServer, tempDir, uuidv7,
} from '../lib/harness.mjs';

/** Pushes one op as `username`; returns the HTTP status and body. */
async function push(url, bearer, op) {
  const res = await fetch(`${url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ ops: [{ id: uuidv7(), reason: null, ...op }] }),
  });
  return { status: res.status, body: await res.json() };
}

/** Every proposal `username` pulls (all pages). */
async function proposalsOf(url, username, password) {
  const out = [];
  for (let since = 0; ;) {
    const page = await apiAs(url, username, password, `/api/sync/pull?since=${since}&limit=5000`);
    out.push(...page.records.filter((r) => r.kind === 'proposal'));
    if (!page.more) return out;
    since = page.cursor;
  }
}

const count = (page, sel) => page.$eval(sel, (el) => Number(el.dataset.count)).catch(() => 0);

test('an offline file check that conflicts is shown and resolved both ways', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const pw = (u) => accounts[u].password;

  const pegawai = await loginToken(server.url, 'pegawai', pw('pegawai'));
  const bkpsdm = await loginToken(server.url, 'perencana-kota', pw('perencana-kota'));
  const nip = (await apiAs(server.url, 'pegawai', pw('pegawai'), '/api/auth/me')).nip;

  // BKPSDM's tablet: the employee's rotation options, computed on the device, give the posts.
  const tablet = await launchBrowser();
  t.after(tablet.close);
  const a = await tablet.context.newPage();
  await loginInApp(a, server.url, 'perencana-kota', pw('perencana-kota'));
  await a.goto(`${server.url}/pegawai/${nip}`);
  await a.click('#show-options', { timeout: 30_000 });
  await a.waitForSelector('#profil-options > li.allowed', { timeout: 60_000 });
  const slots = await a.$$eval('#profil-options > li.allowed .option-post a',
    (as) => as.map((x) => decodeURIComponent(x.getAttribute('href').split('/').pop())));
  assert.ok(slots.length >= 2, 'the employee has posts to go to');

  // The employee requests two of them (own request; a soft rule gets a written override) and
  // submits both, through the API.
  const ids = [];
  for (const slot of slots) {
    if (ids.length === 2) break;
    const proposal = uuidv7();
    const reason = 'Permohonan sendiri: mendekati tempat tinggal keluarga';
    const draft = (overrides) => push(server.url, pegawai, { base_version: 0, reason,
      change: { type: 'propose_move', proposal, nip, slot, tmt: '2027-10-01', overrides, source: 'own_request' } });
    let r = await draft([]);
    if (r.status === 422 && r.body.details?.verdicts?.every((v) => String(v.severity).toLowerCase() === 'soft')) {
      r = await draft(r.body.details.verdicts.map((v) => ({ rule: v.rule, reason })));
    }
    if (r.status !== 200) continue;
    r = await push(server.url, pegawai, { base_version: 1, change: { type: 'submit_proposal', proposal } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    ids.push(proposal);
  }
  assert.equal(ids.length, 2, 'two proposals submitted');
  const [p1, p2] = ids;

  // The employee's phone shows them as new until opened.
  const phone = await launchBrowser();
  t.after(phone.close);
  const e = await phone.context.newPage();
  await loginInApp(e, server.url, 'pegawai', pw('pegawai'));
  await e.goto(`${server.url}/usulan`);
  await e.waitForFunction(() => document.querySelector('#usulan-badge')?.dataset.count === '2',
    null, { timeout: 60_000 });
  assert.match(await e.textContent('main h2'), /Usulan saya/);
  for (const id of ids) {
    await e.click(`#usulan-table tr[data-id="${id}"] a`);
    await e.waitForSelector('#usulan-status[data-status="submitted"]');
    assert.equal(await e.$$eval('#usulan-history li', (l) => l.length), 2);
    await e.goto(`${server.url}/usulan`);
    await e.waitForSelector('#usulan-table');
  }
  await e.waitForSelector('#usulan-badge', { state: 'detached' });
  // Away from the detail (an open detail counts as seen).
  await e.goto(`${server.url}/`);

  // BKPSDM's tablet opens both, goes offline and checks both files as complete.
  await a.goto(`${server.url}/usulan/${p1}`);
  await a.waitForSelector('#action-check-complete', { timeout: 30_000 });
  await tablet.context.setOffline(true);
  await a.waitForSelector('#connection[data-state="offline"]', { timeout: 15_000 });
  for (const id of ids) {
    await a.goto(`${server.url}/usulan/${id}`);
    await a.click('#action-check-complete', { timeout: 30_000 });
    await a.waitForSelector('#usulan-status[data-status="verified"]');
    await a.waitForSelector('#usulan-pending');
  }
  await a.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '2');

  // Meanwhile, online: BKPSDM's other device checks p1, returns p2; the employee resubmits p2.
  let r = await push(server.url, bkpsdm, { base_version: 2,
    change: { type: 'check_file', proposal: p1, result: 'complete' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await push(server.url, bkpsdm, { base_version: 2, reason: 'Lampiran SKP belum ada',
    change: { type: 'check_file', proposal: p2, result: 'revise' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await push(server.url, pegawai, { base_version: 3, change: { type: 'submit_proposal', proposal: p2 } });
  assert.equal(r.status, 200, JSON.stringify(r.body));

  // Back online: both steps were made on version 2 and are refused as conflicts.
  await tablet.context.setOffline(false);
  await a.waitForFunction(() => document.querySelector('#conflicts')?.dataset.count === '2',
    null, { timeout: 60_000 });
  await a.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0');
  await a.click('#conflicts');
  await a.waitForSelector('#konflik .conflict', { timeout: 20_000 });
  const c1 = `#konflik .conflict[data-target="${p1}"]`;
  const c2 = `#konflik .conflict[data-target="${p2}"]`;
  await a.waitForSelector(c1);
  await a.waitForSelector(c2);
  assert.match(await a.textContent(`${c1} .conflict-mine`), /Cek berkas/);
  assert.match(await a.textContent(`${c1} .conflict-server`), /v3: Berkas lengkap/);
  assert.match(await a.textContent(`${c2} .conflict-server`), /v4: Diajukan/);
  // p1 was checked already: my step cannot apply again, and the panel says why.
  assert.equal(await a.isDisabled(`${c1} .conflict-reapply`), true);
  assert.match(await a.textContent(`${c1} .conflict-why`), /tidak berlaku untuk usulan berstatus "Berkas lengkap"/);
  assert.equal(await a.isDisabled(`${c2} .conflict-reapply`), false);

  // Keep the server's version of p1.
  await a.click(`${c1} .conflict-keep`);
  await a.waitForSelector(c1, { state: 'detached' });
  await a.waitForFunction(() => document.querySelector('#conflicts')?.dataset.count === '1');

  // Re-apply the check on p2: a new op on version 4, accepted.
  await a.click(`${c2} .conflict-reapply`);
  await a.waitForSelector(c2, { state: 'detached' });
  await a.waitForSelector('#conflicts', { state: 'detached', timeout: 20_000 });
  await a.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0',
    null, { timeout: 60_000 });

  const after = await proposalsOf(server.url, 'pegawai', pw('pegawai'));
  const s1 = after.find((x) => x.id === p1);
  const s2 = after.find((x) => x.id === p2);
  assert.equal(s1.version, 3, 'p1 has only the other device\'s check');
  assert.equal(s1.data.status, 'verified');
  assert.equal(s2.version, 5);
  assert.equal(s2.data.status, 'verified');
  assert.deepEqual(s2.data.history.map((h) => h.action),
    ['propose_move', 'submit_proposal', 'check_file', 'submit_proposal', 'check_file']);
  assert.equal(s2.data.history.at(-1).from, 'submitted');

  // The tablet shows the server's state of both, nothing pending.
  for (const [id, version] of [[p1, 3], [p2, 5]]) {
    await a.goto(`${server.url}/usulan/${id}`);
    await a.waitForSelector('#usulan-status[data-status="verified"]', { timeout: 20_000 });
    await a.waitForFunction((v) => document.querySelector('.version')?.textContent.includes(`v${v}`), version);
    assert.equal(await a.$('#usulan-pending'), null);
  }

  // The employee is told: both proposals changed since they last looked.
  await e.goto(`${server.url}/usulan`);
  await e.waitForFunction(() => document.querySelector('#usulan-badge')?.dataset.count === '2',
    null, { timeout: 60_000 });
  assert.equal((await e.$$('#usulan-table tr.unseen')).length, 2);
  await e.click(`#usulan-table tr[data-id="${p1}"] a`);
  await e.waitForSelector('#usulan-status[data-status="verified"]');
  await e.waitForFunction(() => document.querySelector('#usulan-badge')?.dataset.count === '1');
  assert.equal(await count(e, '#usulan-badge'), 1);

  // Baperjakat's queue: both verified proposals in one table with the pack's facts, reviewed
  // together (notes once, one confirmation naming how many), one step each on the server.
  const bap = await launchBrowser();
  t.after(bap.close);
  const b = await bap.context.newPage();
  await loginInApp(b, server.url, 'approver', pw('approver'));
  await b.goto(`${server.url}/usulan`);
  await b.waitForFunction(() => document.querySelectorAll('#queue-table tbody tr').length === 2,
    null, { timeout: 60_000 });
  assert.equal((await b.textContent('#queue-h')).trim(), 'Antrean keputusan Anda: 2 usulan');
  for (const id of ids) {
    const row = `#queue-table tr[data-id="${id}"]`;
    assert.match(await b.textContent(`${row} .standing`), /^Boleh/);
    assert.match(await b.textContent(`${row} .queue-retires`), /\d{4}/);
  }
  assert.equal(await b.$('#queue-recommend'), null, 'no step before anything is chosen');
  await b.check('#queue-all');
  await b.fill('#queue-reason', 'Sesuai kebutuhan unit dan kompetensi pegawai');
  await b.click('#queue-recommend');
  assert.match(await b.textContent('#queue-confirm-q'), /untuk 2 usulan sekaligus/);
  await b.click('#queue-confirm-yes');
  await b.waitForSelector('#queue-done', { timeout: 20_000 });
  assert.equal((await b.textContent('#queue-done')).trim(), '2 usulan tercatat.');
  await b.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0',
    null, { timeout: 60_000 });
  const reviewed = await proposalsOf(server.url, 'pegawai', pw('pegawai'));
  for (const id of ids) {
    const p = reviewed.find((x) => x.id === id);
    assert.equal(p.data.status, 'recommended', id);
    assert.equal(p.data.history.at(-1).by, 'approver');
  }
});
