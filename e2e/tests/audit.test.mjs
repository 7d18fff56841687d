// The audit trail screen against a real server: an employee's change is audited; the approver
// opens /audit, filters by that NIP, pages through the results, and downloads the CSV with the
// same filter; a planner is told the trail is not for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiAs, launchBrowser, loginInApp, loginToken, startServer, tempDir, uuidv7,
} from '../lib/harness.mjs';

test('approver filters the audit trail by NIP and downloads it; a planner may not', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();

  // The employee changes their preferences: one audited change about their NIP.
  const nip = (await apiAs(server.url, 'pegawai', accounts.pegawai.password, '/api/auth/me')).nip;
  let own = null;
  for (let since = 0; own === null;) {
    const pull = await apiAs(server.url, 'pegawai', accounts.pegawai.password,
      `/api/sync/pull?since=${since}&limit=5000`);
    own = pull.records.find((r) => r.kind === 'employee' && r.id === nip) ?? null;
    if (!pull.more) break;
    since = pull.cursor;
  }
  assert.ok(own, 'the employee pulls their own record');
  const token = await loginToken(server.url, 'pegawai', accounts.pegawai.password);
  const push = await fetch(`${server.url}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ ops: [{
      id: uuidv7(), base_version: own.version, reason: 'e2e audit',
      change: { type: 'set_preferences', nip, preferences: { ...own.data.preferences, kecamatan: ['Plaju'] } },
    }] }),
  });
  assert.equal(push.status, 200, await push.text());

  const browser = await launchBrowser({ acceptDownloads: true });
  t.after(browser.close);
  const page = await browser.context.newPage();
  await loginInApp(page, server.url, 'approver', accounts.approver.password);
  await page.goto(`${server.url}/audit`);
  await page.waitForSelector('#audit-filter', { timeout: 20_000 });
  await page.fill('#audit-nip', nip);
  await page.click('#audit-search');
  await page.waitForSelector('#audit-results tbody tr', { timeout: 20_000 });
  const rows = await page.$$eval('#audit-results tbody tr', (trs) => trs.map((tr) => ({
    nip: tr.dataset.nip,
    action: tr.querySelector('.action').dataset.action,
    actor: tr.querySelector('.actor').textContent,
  })));
  assert.ok(rows.length >= 1);
  assert.ok(rows.every((r) => r.nip === nip), JSON.stringify(rows));
  assert.ok(rows.some((r) => r.action === 'set_preferences' && r.actor === 'pegawai'), JSON.stringify(rows));
  // The same filter through the API: the page shows what the server returns.
  const api = await apiAs(server.url, 'approver', accounts.approver.password,
    `/api/audit?nip=${nip}&limit=50`);
  assert.equal(rows.length, api.entries.length);

  // CSV with the same filter.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    page.click('#audit-csv'),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'id,at,actor,role,action,target,nip,opd,reason,seq,op,change');
  assert.ok(lines.length - 1 >= rows.length);
  assert.ok(csv.includes('set_preferences') && csv.includes(nip) && csv.includes('e2e audit'));
  await page.waitForSelector('#audit-csv-note:has-text("CSV")');

  // A planner sees that the trail is not for them.
  const other = await launchBrowser();
  t.after(other.close);
  const p2 = await other.context.newPage();
  await loginInApp(p2, server.url, 'perencana', accounts.perencana.password);
  await p2.goto(`${server.url}/audit`);
  const denied = await p2.waitForSelector('#audit-denied', { timeout: 20_000 });
  assert.match(await denied.textContent(), /Tidak diizinkan/);
  assert.equal(await p2.$('#audit-filter'), null);
});
