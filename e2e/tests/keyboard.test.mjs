// Keyboard only (issue 20, item 11): an employee logs in, opens Minat from the menu, changes a
// preference and saves it, then opens their own request in Usulan and submits it ("Ajukan"),
// with nothing but Tab, Shift+Tab, Enter, Space, the arrow keys and typing. At every stop the
// focused element is the one expected and its focus ring has a contrast of at least 3:1 against
// the background next to it; after a page change or a save, focus is on the new content (the
// page's heading, the "saved" message), whose visible text is checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiAs, launchBrowser, loginToken, pullAll, startServer, tempDir, uuidv7,
} from '../lib/harness.mjs';

const shots = join(process.cwd(), 'artifacts', 'screenshots');

/**
 * The focused element as the test sees it: tag, id, text, classes, the group it is in, its
 * outline (style, width, colour) and the colour of the first opaque background around it (where
 * the ring is drawn: outside the element), with the WCAG contrast of ring against background.
 */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'BODY', text: '', ring: 0 };
    const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]) => {
      const lin = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    let bg = [255, 255, 255];
    for (let n = el.parentElement; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c.slice(0, 3); break; }
    }
    const s = getComputedStyle(el);
    const width = parseFloat(s.outlineWidth) || 0;
    const visible = s.outlineStyle !== 'none' && width >= 2;
    const ring = rgb(s.outlineColor).slice(0, 3);
    return {
      tag: el.tagName,
      id: el.id,
      type: el.getAttribute('type'),
      text: (el.innerText || el.value || el.getAttribute('value') || '').trim(),
      group: el.closest('fieldset')?.id ?? null,
      row: el.closest('tr')?.dataset.id ?? null,
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} on rgb(${bg.join(',')})`,
      ring: visible ? contrast(ring, bg) : 0,
    };
  });
}

/** Asserts that the focused element `f` shows a ring of at least 3:1. */
function ringVisible(f) {
  assert.ok(f.ring >= 3, `focus ring of ${f.tag}#${f.id} "${f.text.slice(0, 40)}": ${f.ring.toFixed(2)}:1 (${f.outline})`);
}

/** Presses `key` until the focused element satisfies `want` (at most `max` presses), checking
 * the ring at every stop; returns the element and how many presses it took. */
async function pressUntil(page, key, want, what, max = 40) {
  const seen = [];
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    seen.push(`${f.tag}#${f.id}:${f.text.slice(0, 20)}`);
    if (f.tag !== 'BODY') ringVisible(f);
    if (want(f)) return { f, presses: n };
  }
  assert.fail(`${what}: not reached with ${max} × ${key}; stops: ${seen.join(' | ')}`);
}

/** Waits until focus is on an element satisfying `want` (after a page change or a save). */
async function focusLands(page, want, what) {
  for (let i = 0; i < 200; i++) {
    const f = await focused(page);
    if (want(f)) return f;
    await page.waitForTimeout(50);
  }
  assert.fail(`${what}: focus is on ${JSON.stringify(await focused(page))}`);
}

/** The employee's own request (a draft) to a vacant post like theirs, through the API. */
async function ownRequestDraft(url, pw) {
  const nip = (await apiAs(url, 'pegawai', pw('pegawai'), '/api/auth/me')).nip;
  const seen = await pullAll(url, 'perencana-kota', pw('perencana-kota'));
  const me = seen.find((r) => r.kind === 'employee' && r.id === nip).data;
  const mySlot = seen.find((r) => r.kind === 'slot' && r.id === me.current.slot).data;
  const sd = new Set(seen.filter((r) => r.kind === 'unit' && r.data.kind === 'SdNegeri').map((r) => r.id));
  const slot = seen
    .filter((r) => r.kind === 'slot' && !r.data.holder && r.data.position === mySlot.position
      && r.data.unit !== mySlot.unit && sd.has(r.data.unit))
    .map((r) => r.id).sort()[0];
  assert.ok(slot, 'a vacant post like the employee\'s');
  const token = await loginToken(url, 'pegawai', pw('pegawai'));
  const proposal = uuidv7();
  const reason = 'Permohonan sendiri: mendekati tempat tinggal keluarga';
  const draft = async (overrides) => {
    const res = await fetch(`${url}/api/sync/push`, {
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
  return proposal;
}

test('log in, save Minat and submit a proposal with the keyboard alone', async (t) => {
  mkdirSync(shots, { recursive: true });
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  const pw = (u) => accounts[u].password;
  const proposal = await ownRequestDraft(server.url, pw);
  const kecamatan = async () => (await pullAll(server.url, 'pegawai', pw('pegawai')))
    .find((r) => r.kind === 'employee').data.preferences?.kecamatan ?? [];
  const before = await kecamatan();

  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  t.after(browser.close);
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const kb = page.keyboard;

  // Log in. The first stop skips to the page; from there, the form.
  await page.goto(`${server.url}/masuk`);
  await page.waitForSelector('#username', { timeout: 20_000 });
  let f = (await pressUntil(page, 'Tab', (x) => x.tag === 'A', 'the first stop', 1)).f;
  assert.equal(f.text, 'Langsung ke isi halaman');
  await kb.press('Enter');
  f = (await pressUntil(page, 'Tab', (x) => x.id === 'username', 'the username field', 1)).f;
  await kb.type('pegawai');
  f = (await pressUntil(page, 'Tab', (x) => x.id === 'password', 'the password field', 1)).f;
  await kb.type(pw('pegawai'));
  f = (await pressUntil(page, 'Tab', (x) => x.tag === 'BUTTON', 'the login button', 1)).f;
  assert.equal(f.text, 'Masuk');
  await kb.press('Enter');
  // Logged in: focus on the home page's heading, not the body.
  f = await focusLands(page, (x) => x.tag === 'H2', 'after login');
  assert.equal(f.text, 'Beranda');
  ringVisible(f);
  await page.waitForFunction(() => /Sinkron terakhir: \d/.test(document.querySelector('#cache-status')?.textContent ?? ''),
    null, { timeout: 120_000 });
  await page.screenshot({ path: join(shots, 'keyboard-1-after-login.png') });

  // Minat from the menu: the menu's last entry is one Shift+Tab back from the page's heading.
  f = (await pressUntil(page, 'Shift+Tab', (x) => x.text === 'Minat', 'the menu entry Minat', 1)).f;
  assert.equal(f.tag, 'A');
  await kb.press('Enter');
  f = await focusLands(page, (x) => x.tag === 'H2' && x.text === 'Minat', 'after opening Minat');
  ringVisible(f);
  await page.waitForSelector('#minat-form', { timeout: 20_000 });

  // Each group of checkboxes is one stop; the arrows move inside it, Space ticks.
  f = (await pressUntil(page, 'Tab', (x) => x.group === 'minat-kecamatan', 'the kecamatan group', 1)).f;
  assert.equal(f.type, 'checkbox');
  const first = f.text;
  await kb.press('ArrowDown');
  f = await focused(page);
  assert.equal(f.group, 'minat-kecamatan');
  assert.notEqual(f.text, first, 'the arrow moved to the next kecamatan');
  ringVisible(f);
  const wasChecked = await page.evaluate(() => document.activeElement.checked);
  await kb.press('Space');
  assert.equal(await page.evaluate(() => document.activeElement.checked), !wasChecked, 'Space ticks');
  await page.screenshot({ path: join(shots, 'keyboard-2-minat-group.png') });
  f = (await pressUntil(page, 'Tab', (x) => x.group === 'minat-fields', 'the fields group', 1)).f;
  const save = await pressUntil(page, 'Tab', (x) => x.id === 'minat-save', 'Simpan', 1);
  assert.equal(save.f.text, 'Simpan');
  await kb.press('Enter');
  f = await focusLands(page, (x) => x.id === 'minat-status', 'after Simpan');
  assert.equal(f.text, 'Tersimpan di perangkat ini; akan dikirim saat daring.');
  ringVisible(f);
  await page.screenshot({ path: join(shots, 'keyboard-3-minat-saved.png') });

  // Usulan from the menu, the request's row, the step "Ajukan".
  f = (await pressUntil(page, 'Shift+Tab', (x) => x.tag === 'A' && x.text.startsWith('Usulan'), 'the menu entry Usulan')).f;
  await kb.press('Enter');
  f = await focusLands(page, (x) => x.tag === 'H2' && x.text === 'Usulan saya', 'after opening Usulan');
  ringVisible(f);
  await page.waitForSelector(`#usulan-table tr[data-id="${proposal}"] a`, { timeout: 30_000 });
  f = (await pressUntil(page, 'Tab', (x) => x.tag === 'A' && x.row === proposal, 'the request in the list')).f;
  await kb.press('Enter');
  f = await focusLands(page, (x) => x.tag === 'H2' && x.text.startsWith('Usulan:'), 'after opening the request');
  ringVisible(f);
  await page.waitForSelector('#action-submit', { timeout: 30_000 });
  f = (await pressUntil(page, 'Tab', (x) => x.id === 'action-submit', 'the step Ajukan')).f;
  assert.equal(f.text, 'Ajukan');
  await page.screenshot({ path: join(shots, 'keyboard-4-usulan-step.png') });
  await kb.press('Enter');
  f = await focusLands(page, (x) => x.id === 'action-status', 'after Ajukan');
  assert.equal(f.text, 'Tersimpan di perangkat ini; dikirim saat daring.');
  ringVisible(f);
  await page.waitForSelector('#usulan-status[data-status="submitted"]', { timeout: 10_000 });
  await page.screenshot({ path: join(shots, 'keyboard-5-usulan-saved.png') });

  // Both changes reach the server.
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0', null, { timeout: 30_000 });
  const after = await pullAll(server.url, 'pegawai', pw('pegawai'));
  assert.equal(after.find((r) => r.kind === 'proposal' && r.id === proposal)?.data.status, 'submitted');
  assert.equal(Math.abs((await kecamatan()).length - before.length), 1, 'one kecamatan ticked or unticked');
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
});
