// The whole mutation journey with one account per role: the city planner (BKPSDM) plans the
// state primary schools, locks the demo employee's move (an SD clerk) and turns it into a
// proposal; submits it and checks the file; Baperjakat (approver) recommends it; the PPK (ppk)
// approves it; BKPSDM drafts the SK, prints it to PDF with headless Chromium's print, records it
// as issued, then records the inauguration. The employee then sees the outcome: the proposal
// inaugurated and their new post.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, launchBrowser, loginInApp, pullAll, startServer, tempDir } from '../lib/harness.mjs';

const settled = (page) => page.waitForFunction(
  () => document.querySelector('#pending')?.dataset.count === '0', null, { timeout: 60_000 });

async function statusOnServer(server, accounts, id) {
  const all = await pullAll(server.url, 'admin', accounts.admin.password);
  return all.find((r) => r.kind === 'proposal' && r.id === id)?.data;
}

async function waitStatus(server, accounts, id, status) {
  for (let i = 0; i < 60; i++) {
    const p = await statusOnServer(server, accounts, id);
    if (p?.status === status) return p;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`proposal ${id} never reached ${status}: ${JSON.stringify(await statusOnServer(server, accounts, id))}`);
}

/** Takes the workflow step `key` on proposal `id` in the app, with `notes` where it needs them. */
async function step(page, url, id, key, notes) {
  await page.goto(`${url}/usulan/${encodeURIComponent(id)}`);
  const button = `#action-${key}`;
  await page.waitForSelector(button, { timeout: 30_000 });
  if ((await page.getAttribute(button, 'data-needs-reason')) === 'true') {
    await page.fill('#action-reason', notes);
  }
  await page.click(button);
  // The outcome stays on screen even when the step leaves this account nothing more to do.
  await page.waitForFunction(
    () => document.querySelector('#action-status')?.textContent.trim()
      || document.querySelector('#action-error')?.textContent.trim(),
    null, { timeout: 10_000 });
  const error = (await page.textContent('#action-error')).trim();
  assert.equal(error, '', `step ${key}: ${error}`);
  assert.match(await page.textContent('#action-status'), /Tersimpan/, `step ${key} saved`);
  await settled(page);
}

test('plan → proposal → file check → review → approval → SK (PDF) → inauguration; the employee sees it', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const nip = (await apiAs(server.url, 'pegawai', accounts.pegawai.password, '/api/auth/me')).nip;
  const pw = (u) => accounts[u].password;

  // BKPSDM plans the schools with the teacher's move forced into a vacant seat of their own
  // position in another school (an inauguration needs the seat free; moves into held seats wait
  // for the holder's own move), and proposes it.
  const seen = await pullAll(server.url, 'perencana-kota', pw('perencana-kota'));
  const me = seen.find((r) => r.kind === 'employee' && r.id === nip).data;
  const mySlot = seen.find((r) => r.kind === 'slot' && r.id === me.current.slot).data;
  // Inside the plan's scope: another state primary school (the employee is an SD clerk).
  const sd = new Set(seen.filter((r) => r.kind === 'unit' && r.data.kind === 'SdNegeri')
    .map((r) => r.id));
  assert.ok(sd.has(mySlot.unit), 'the demo employee works at an SD Negeri');
  const slot = seen
    .filter((r) => r.kind === 'slot' && !r.data.holder && r.data.position === mySlot.position
      && r.data.unit !== mySlot.unit && sd.has(r.data.unit))
    .map((r) => r.id).sort()[0];
  assert.ok(slot, 'a vacant seat of the same position at another SD Negeri');
  const bkpsdm = await launchBrowser();
  t.after(bkpsdm.close);
  const p = await bkpsdm.context.newPage();
  await loginInApp(p, server.url, 'perencana-kota', pw('perencana-kota'));
  await p.goto(`${server.url}/rencana`);
  await p.waitForSelector('#plan-scope', { timeout: 30_000 });
  await p.selectOption('#plan-scope', 'kind:SdNegeri');
  await p.click('.decisions summary');
  await p.fill('#force-nip', nip);
  await p.fill('#force-slot', slot);
  await p.click('#force-add');
  await p.waitForSelector('#decisions li');
  await p.click('#plan-run');
  await p.waitForSelector('#plan-result', { timeout: 120_000 });
  await p.fill('#plan-filter', nip);
  const move = `#plan-groups .move[data-nip="${nip}"][data-slot="${slot}"]`;
  await p.waitForSelector(`${move}.locked .badge`, { timeout: 10_000 });
  await p.check('#proposal-override');
  await p.click('#proposal-create');
  await p.waitForSelector('#proposal-result[data-created="1"]', { timeout: 20_000 });
  await settled(p);
  const created = (await pullAll(server.url, 'perencana-kota', pw('perencana-kota')))
    .filter((r) => r.kind === 'proposal' && r.data.nip === nip);
  assert.equal(created.length, 1);
  const id = created[0].id;
  assert.equal(created[0].data.status, 'draft');
  assert.equal(created[0].data.slot, slot);

  // Submitted and file checked by BKPSDM.
  await step(p, server.url, id, 'submit', 'Diajukan sesuai rencana mutasi sekolah dasar');
  await waitStatus(server, accounts, id, 'submitted');
  await step(p, server.url, id, 'check-complete', 'Berkas lengkap: SK terakhir, SKP, ijazah');
  await waitStatus(server, accounts, id, 'verified');

  // Baperjakat recommends, the PPK approves (another account).
  const board = await launchBrowser();
  t.after(board.close);
  const b = await board.context.newPage();
  await loginInApp(b, server.url, 'approver', pw('approver'));
  await step(b, server.url, id, 'recommend', 'Direkomendasikan: rotasi jatuh tempo, kecocokan tinggi');
  await waitStatus(server, accounts, id, 'recommended');
  const ppkBrowser = await launchBrowser();
  t.after(ppkBrowser.close);
  const k = await ppkBrowser.context.newPage();
  await loginInApp(k, server.url, 'ppk', pw('ppk'));
  await step(k, server.url, id, 'approve', 'Disetujui Wali Kota sesuai pertimbangan Baperjakat');
  await waitStatus(server, accounts, id, 'approved');

  // BKPSDM drafts the SK, prints it to PDF, records it as issued.
  await p.goto(`${server.url}/sk`);
  await p.waitForSelector(`#sk-approved tr[data-proposal="${id}"] .sk-pick`, { timeout: 30_000 });
  await p.check(`#sk-approved tr[data-proposal="${id}"] .sk-pick`);
  await p.waitForSelector('#sk-document #sk-table', { timeout: 10_000 });
  const number = await p.getAttribute('#sk-document', 'data-number');
  assert.match(number, /^821\.2\/\d{3}\/BKPSDM-III\/\d{4}$/);
  assert.match(await p.textContent('#sk-table'), new RegExp(nip));
  // What the official signs, as a person sees it: the demo's (fictional) Wali Kota by name,
  // the numbered Tembusan, and the employee's pangkat by its name (PP 99/2000).
  const shown = await p.innerText('#sk-document');
  assert.equal((await p.innerText('#sk-signer-jabatan')).trim(), 'WALI KOTA PALEMBANG,');
  assert.equal((await p.innerText('#sk-signer-name')).trim(), 'H. Contoh Wiradinata, S.H., M.Si.');
  assert.ok(shown.includes('Tembusan:'), shown);
  assert.ok((await p.innerText('#sk-tembusan li:nth-child(2)'))
    .includes('Kepala Kantor Regional VII Badan Kepegawaian Negara di Palembang'));
  const ranks = ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c',
    'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];
  const names = ['Juru Muda', 'Juru Muda Tingkat I', 'Juru', 'Juru Tingkat I', 'Pengatur Muda',
    'Pengatur Muda Tingkat I', 'Pengatur', 'Pengatur Tingkat I', 'Penata Muda', 'Penata Muda Tingkat I',
    'Penata', 'Penata Tingkat I', 'Pembina', 'Pembina Tingkat I', 'Pembina Utama Muda',
    'Pembina Utama Madya', 'Pembina Utama'];
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV',
    'XV', 'XVI', 'XVII'];
  const rank = ranks.indexOf(me.pangkat.golongan);
  const pangkat = me.status === 'PPPK' ? `PPPK golongan ${roman[rank]}` : `${names[rank]}, ${ranks[rank]}`;
  const row = await p.innerText(`#sk-table tr[data-nip="${nip}"]`);
  assert.ok(row.includes(pangkat), `${pangkat} in ${row}`);
  const pdf = join(tmp.dir, 'sk.pdf');
  await p.pdf({ path: pdf, format: 'A4' });
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(bytes.length > 5_000, `the PDF has content (${bytes.length} bytes)`);
  // Recording the SK is asked once more, naming the number; "Batal" records nothing.
  await p.click('#sk-issue');
  assert.equal((await p.textContent('#sk-confirm-q')).trim(),
    `Catat SK ${number} terbit untuk 1 usulan? Setelah dicatat, langkah ini tidak dapat dibatalkan.`);
  assert.equal(await p.isDisabled('#sk-issue'), true);
  await p.click('#sk-confirm-no');
  assert.equal(await p.$('#sk-confirm'), null);
  assert.equal(await p.getAttribute('#pending', 'data-count'), '0');
  await p.click('#sk-issue');
  await p.click('#sk-confirm-yes');
  await settled(p);
  const issued = await waitStatus(server, accounts, id, 'sk_issued');
  assert.equal(issued.sk.number, number);

  // The inauguration moves the teacher.
  await p.goto(`${server.url}/sk`);
  const inaugurate = `#sk-issued tr[data-proposal="${id}"] button.inaugurate`;
  await p.waitForSelector(inaugurate, { timeout: 30_000 });
  // A date before the SK is refused on the device, with both dates, and nothing is queued.
  const chosen = await p.inputValue('#inaug-date');
  const dayBefore = new Date(Date.parse(`${issued.sk.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await p.fill('#inaug-date', dayBefore);
  await p.click(inaugurate);
  await p.waitForSelector('#inaug-result .error', { timeout: 10_000 });
  const [y, m, d] = issued.sk.date.split('-');
  assert.match(await p.textContent('#inaug-result'), new RegExp(`sebelum tanggal SK ${d}-${m}-${y}`));
  assert.equal(await p.$eval('#pending', (el) => el.dataset.count), '0');
  await p.fill('#inaug-date', chosen);
  await p.click(inaugurate);
  await settled(p);
  const done = await waitStatus(server, accounts, id, 'inaugurated');
  assert.deepEqual(done.history.map((h) => h.to),
    ['draft', 'submitted', 'verified', 'recommended', 'approved', 'sk_issued', 'inaugurated']);
  const emp = (await pullAll(server.url, 'pegawai', pw('pegawai')))
    .find((r) => r.kind === 'employee' && r.id === nip);
  assert.equal(emp.data.current.slot, slot);

  // The teacher sees it: the proposal inaugurated, and their new post.
  const teacher = await launchBrowser();
  t.after(teacher.close);
  const e = await teacher.context.newPage();
  await loginInApp(e, server.url, 'pegawai', pw('pegawai'));
  await e.goto(`${server.url}/usulan`);
  await e.waitForSelector(`#usulan-table [data-id="${id}"][data-status="inaugurated"]`, { timeout: 30_000 });
  await e.click('#nav-karier');
  await e.waitForSelector('#profil-post', { timeout: 30_000 });
  const post = await e.textContent('#profil-post');
  const positions = (await pullAll(server.url, 'pegawai', pw('pegawai')))
    .filter((r) => r.kind === 'position');
  const slotRecord = (await pullAll(server.url, 'pegawai', pw('pegawai')))
    .find((r) => r.kind === 'slot' && r.id === slot);
  const position = positions.find((r) => r.id === slotRecord.data.position);
  assert.ok(post.includes(position.data.name), `${post} shows ${position.data.name}`);
});
