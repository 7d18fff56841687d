// Loading real data (issue 19) as an admin does it, in Chromium against a real server on the
// demo city: the template downloads; a workbook with a mistake shows its sheet, row and column
// and loads nothing; the corrected one (first as an Excel workbook, whose NIP typed as a number is
// named at its cell) shows its difference, is applied, and a planner's device
// then shows the new organisation; next month's pegawai.csv (a retirement, a new hire, a rank
// change) is a small difference that needs a reason for the departure, flags the open proposal
// of the employee whose rank changed, and keeps it; a raw export with its own name for a column
// is mapped once on the device and checks without asking the next time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiAs, launchBrowser, loginInApp, loginToken, pullAll, startServer, tempDir, uuidv7,
} from '../lib/harness.mjs';
import { xlsx } from '../lib/xlsx.mjs';

/** Parses CSV text (RFC 4180 quotes) into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const toCsv = (rows) => `${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\n')}\n`;

/** Downloads the file behind the link named `name` in #data-downloads (or at `selector`). */
async function download(page, name, selector = `#data-downloads a[download="${name}"]`) {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    page.click(selector),
  ]);
  return readFileSync(await d.path(), 'utf8');
}

async function upload(page, files) {
  await page.setInputFiles('#data-files', files);
}

/** Waits for `selector`, or fails with what the load's status area says. */
async function waitStage(page, selector, timeout = 60_000) {
  try {
    await page.waitForSelector(selector, { timeout });
  } catch (e) {
    const text = await page.textContent('#data-stage').catch(() => '(none)');
    throw new Error(`${selector} did not appear; the page says: ${text}`);
  }
}

test('an admin loads a workbook: template, errors with their place, difference, apply, next month', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const pw = (u) => accounts[u].password;
  const shots = join(process.cwd(), 'artifacts', 'screenshots');
  mkdirSync(shots, { recursive: true });

  const browser = await launchBrowser({ acceptDownloads: true });
  t.after(browser.close);
  const page = await browser.context.newPage();
  await loginInApp(page, server.url, 'admin', pw('admin'));
  // The menu offers Data to the admin.
  await page.click('nav.main-nav a[href="/data"]');
  await page.waitForSelector('#data-template', { timeout: 30_000 });
  assert.match(await page.textContent('main h2'), /Data organisasi/);

  // The template: each sheet's header and one example row, and the guide.
  await page.click('#data-template');
  await page.waitForSelector('#data-downloads a[download="petunjuk.csv"]');
  const unitTemplate = parseCsv(await download(page, 'unit.csv'));
  assert.deepEqual(unitTemplate[0], ['ID', 'NAMA', 'SINGKATAN', 'JENIS', 'INDUK', 'KECAMATAN', 'RUMPUN', 'ROMBEL', 'PESERTA_DIDIK']);
  assert.ok(unitTemplate.length >= 2, 'an example row');
  assert.match(await download(page, 'petunjuk.csv'), /unit,JENIS,.*SD Negeri/);

  // The export of the data on this device, in the same format.
  await page.click('#data-export');
  await page.waitForSelector('#data-downloads a[download="pegawai.csv"]');
  const units = parseCsv(await download(page, 'unit.csv'));
  const people = parseCsv(await download(page, 'pegawai.csv'));
  const header = people[0];
  assert.ok(units.length > 500 && people.length > 19000, `${units.length} units, ${people.length} people`);

  // A new school and DISDIK's new name; first with a mistake: an unknown unit kind.
  const disdik = units.findIndex((r) => r[0] === 'DISDIK');
  assert.ok(disdik > 0);
  units[disdik][1] = 'Dinas Pendidikan dan Kebudayaan';
  const school = ['SDN-BARU-1', 'SD Negeri 999 Palembang', 'SDN 999', 'Sekolah', 'DISDIK', units[disdik][5], units[disdik][6], '6', '180'];
  const dir = join(tmp.dir, 'buku-kerja');
  mkdirSync(dir);
  writeFileSync(join(dir, 'unit.csv'), toCsv([...units, school]));
  await upload(page, [join(dir, 'unit.csv')]);
  await waitStage(page, '#data-problems');
  const problem = await page.$eval('#data-problems tbody tr', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(problem.slice(0, 4), ['unit', String(units.length + 1), 'JENIS', 'Sekolah'], problem.join(' | '));
  assert.match(problem[4], /pilihan: OPD, Bidang/);
  assert.match(await page.textContent('#data-problems [role="alert"]'), /1 masalah/);
  assert.equal(await page.$$eval('#data-report', (a) => a.length), 1, 'the full report is offered');
  await page.screenshot({ path: join(shots, 'data-problems-1280.png'), fullPage: false });

  // Corrected, as an Excel workbook (sheet names in any case, numbers as number cells, a guide
  // sheet skipped): read on the device, its sheets sent as CSV text, the same difference.
  school[3] = 'SD Negeri';
  const numeric = (c) => (/^[1-9]\d{0,14}$/.test(c) ? Number(c) : c);
  writeFileSync(join(dir, 'organisasi.xlsx'), xlsx([
    { name: 'Petunjuk', rows: [['LEMBAR', 'KOLOM'], ['unit', 'ID']] },
    { name: 'Unit', rows: [...units, school].map((r, i) => (i === 0 ? r : r.map(numeric))) },
  ]));
  await upload(page, [join(dir, 'organisasi.xlsx')]);
  await waitStage(page, '#data-review');
  const fromXlsx = await page.$eval('#data-review tr[data-sheet="unit"]', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(fromXlsx, ['unit', '1', '1', '0']);
  await page.$eval('#data-stage', (e) => e.scrollIntoView());
  await page.screenshot({ path: join(shots, 'data-xlsx-review-1280.png'), fullPage: false });
  // A NIP that Excel turned into a number has lost its last digits: named at its cell.
  const nipCol = header.indexOf('NIP');
  writeFileSync(join(dir, 'pegawai.xlsx'), xlsx([
    { name: 'pegawai', rows: [header, people[1].map((c, i) => (i === nipCol ? 198503122010011000 : c))] },
  ]));
  await upload(page, [join(dir, 'pegawai.xlsx')]);
  await waitStage(page, '#data-problems');
  const nipProblem = await page.$eval('#data-problems tbody tr', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(nipProblem.slice(0, 4), ['pegawai', '2', 'NIP', '1.98503122010011E+17'], nipProblem.join(' | '));
  assert.match(nipProblem[4], /format kolom ini sebagai Teks/);
  await page.$eval('#data-stage', (e) => e.scrollIntoView());
  await page.screenshot({ path: join(shots, 'data-xlsx-nip-1280.png'), fullPage: false });

  // Corrected: the difference (1 new unit, 1 changed), then applied.
  school[3] = 'SD Negeri';
  writeFileSync(join(dir, 'unit.csv'), toCsv([...units, school]));
  await upload(page, [join(dir, 'unit.csv')]);
  await waitStage(page, '#data-review');
  const counts = await page.$eval('#data-review tr[data-sheet="unit"]', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(counts, ['unit', '1', '1', '0']);
  assert.match(await page.textContent('#data-kept'), /pegawai/);
  assert.match(await page.textContent('#data-review'), /DISDIK.*Dinas Pendidikan dan Kebudayaan/s);
  await page.click('#data-apply');
  await page.click('#data-confirm-yes');
  await waitStage(page, '#data-applied');
  assert.match(await page.textContent('#data-applied'), /2 data ditulis/);

  // A planner's device shows the new organisation.
  const planner = await launchBrowser();
  t.after(planner.close);
  const p = await planner.context.newPage();
  await loginInApp(p, server.url, 'perencana-kota', pw('perencana-kota'));
  await p.goto(`${server.url}/formasi`);
  await p.waitForSelector('text=Dinas Pendidikan dan Kebudayaan', { timeout: 60_000 });

  // Next month. The demo employee asks to move (an open proposal) and is promoted; someone
  // retires; someone is hired.
  const nip = (await apiAs(server.url, 'pegawai', pw('pegawai'), '/api/auth/me')).nip;
  const seen = await pullAll(server.url, 'perencana-kota', pw('perencana-kota'));
  const me = seen.find((r) => r.kind === 'employee' && r.id === nip).data;
  const mySlot = seen.find((r) => r.kind === 'slot' && r.id === me.current.slot).data;
  const sd = new Set(seen.filter((r) => r.kind === 'unit' && r.data.kind === 'SdNegeri').map((r) => r.id));
  const slot = seen
    .filter((r) => r.kind === 'slot' && !r.data.holder && r.data.position === mySlot.position
      && r.data.unit !== mySlot.unit && sd.has(r.data.unit))
    .map((r) => r.id).sort()[0];
  assert.ok(slot);
  const token = await loginToken(server.url, 'pegawai', pw('pegawai'));
  const proposal = uuidv7();
  const reason = 'Permohonan sendiri: mendekati tempat tinggal keluarga';
  const draft = async (overrides) => {
    const res = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ops: [{ id: uuidv7(), base_version: 0, reason,
        change: { type: 'propose_move', proposal, nip, slot, tmt: '2027-10-01', overrides, source: 'own_request' } }] }),
    });
    return { status: res.status, body: await res.json() };
  };
  let r = await draft([]);
  if (r.status === 422) r = await draft(r.body.details.verdicts.map((v) => ({ rule: v.rule, reason })));
  assert.equal(r.status, 200, JSON.stringify(r.body));

  const col = (name) => header.indexOf(name);
  const mine = people.findIndex((row) => row[col('NIP')] === nip);
  const ranks = ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'];
  const rank = people[mine][col('GOL_RUANG')];
  people[mine][col('GOL_RUANG')] = ranks[ranks.indexOf(rank) + 1];
  // Someone with a post who acts (Plt) nowhere, so the retirement frees exactly one seat.
  const acting = new Set(seen.filter((x) => x.kind === 'slot' && x.data.holder?.kind === 'Plt')
    .map((x) => x.data.holder.nip));
  const retired = people.findIndex((row, i) => i > 0 && i !== mine && row[col('JABATAN_SLOT')] !== ''
    && !acting.has(row[col('NIP')]));
  const retiredNip = people[retired][col('NIP')];
  const hire = [...people.find((row, i) => i > 0 && row[col('JABATAN_SLOT')] === '') ?? people[retired]];
  hire[col('NIP')] = '199801012024011001';
  hire[col('NAMA')] = 'Pegawai Baru, S.Kom.';
  hire[col('JABATAN_SLOT')] = '';
  hire[col('TMT_JABATAN')] = '';
  hire[col('RIWAYAT_JABATAN')] = '';
  const next = [...people.filter((_, i) => i !== retired), hire];
  writeFileSync(join(dir, 'pegawai.csv'), toCsv(next));
  await upload(page, [join(dir, 'pegawai.csv')]);
  await waitStage(page, '#data-review', 120_000);
  // How long the check of 19,393 rows took in this browser (docs/BENCHMARKS.md).
  const checkMs = Number(await page.getAttribute('#data-stage', 'data-check-ms'));
  assert.ok(checkMs > 0);
  t.diagnostic(`browser check of pegawai.csv (${next.length - 1} rows): ${checkMs} ms`);
  const p2 = await page.$eval('#data-review tr[data-sheet="pegawai"]', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(p2, ['pegawai', '1', '1', '1']);
  assert.match(await page.textContent('#data-flags'), new RegExp(proposal));
  // Who is new and who is not in the file are named.
  assert.match(await page.$$eval('#data-review .data-changes', (u) => u.map((x) => x.textContent).join(' ')), new RegExp(`199801012024011001[^]*${retiredNip}`));
  // The departure needs its reason before anything can be applied.
  assert.equal(await page.isDisabled('#data-apply'), true);
  await page.selectOption('#data-departed', 'pensiun');
  assert.equal(await page.isDisabled('#data-apply'), false);
  await page.screenshot({ path: join(shots, 'data-review-1280.png'), fullPage: true });
  await page.click('#data-apply');
  await page.click('#data-confirm-yes');
  await waitStage(page, '#data-applied');
  // The hire, the rank change, the retiree's removal and the seat they left.
  assert.match(await page.textContent('#data-applied'), /4 data ditulis/);

  // The proposal is still there, flagged in the audit; the retiree is gone from the data.
  const after = await pullAll(server.url, 'perencana-kota', pw('perencana-kota'));
  const byId = new Map(after.map((x) => [`${x.kind}/${x.id}`, x]));
  assert.equal(byId.get(`proposal/${proposal}`).data.status, 'draft');
  assert.equal(byId.get(`employee/${retiredNip}`).data, null);
  assert.equal(byId.get(`employee/${nip}`).data.pangkat.golongan, ranks[ranks.indexOf(rank) + 1]);
  const audit = await apiAs(server.url, 'admin', pw('admin'), '/api/audit?actor=admin&limit=1000');
  const load = audit.entries.filter((e) => e.action === 'load').pop();
  assert.ok(load, 'the load is in the audit trail');

  // A raw export names the NIP column its own way: the check asks which column it is; the
  // mapping is kept on the device and the same file checks without asking the next time.
  const raw = [next[0].map((c) => (c === 'NIP' ? 'NIP BARU' : c)), ...next.slice(1)];
  writeFileSync(join(dir, 'pegawai.csv'), toCsv(raw));
  await upload(page, [join(dir, 'pegawai.csv')]);
  await waitStage(page, '#data-mapping');
  const missing = await page.$eval('#data-problems tbody tr', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.deepEqual(missing.slice(0, 3), ['pegawai', '1', 'NIP']);
  await page.selectOption('#data-map-pegawai-NIP', 'NIP BARU');
  await page.$eval('#data-stage', (e) => e.scrollIntoView());
  await page.screenshot({ path: join(shots, 'data-mapping-1280.png'), fullPage: false });
  await page.click('#data-map-save');
  await waitStage(page, '#data-nothing', 120_000);
  assert.match(await page.textContent('#data-mapping-kept'), /1 kolom/);
  await page.reload();
  await page.waitForSelector('#data-files', { timeout: 30_000 });
  await upload(page, [join(dir, 'pegawai.csv')]);
  await waitStage(page, '#data-nothing', 120_000);
  const kept = await download(page, null, '#data-mapping-download');
  assert.equal(kept, 'SHEET,KOLOM_FILE,KOLOM_MUTASI\npegawai,NIP BARU,NIP\n');
  await page.click('#data-mapping-clear');
  assert.equal(await page.$$eval('#data-mapping-kept', (p) => p.length), 0);
});
