// Randomised fault run: 1,000 offline-first changes made in the real app while the server is
// killed (SIGKILL) and restarted and connections are dropped mid-push and mid-pull. Every change
// must reach the server exactly once: 0 lost, 0 duplicated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rng, startProxy } from '../lib/chaos.mjs';
import { apiAs, launchBrowser, loginInApp, startServer, tempDir, pullAll } from '../lib/harness.mjs';

const OPS = Number(process.env.MUTASI_FAULT_OPS ?? 1000);
const SEED = Number(process.env.MUTASI_FAULT_SEED ?? 20261128);
const KECAMATAN = ['Plaju', 'Kalidoni', 'Sako', 'Gandus', 'Kemuning', 'Sukarami'];

test(`fault run: ${OPS} changes with kills and dropped connections, none lost or doubled`, async (t) => {
  const random = rng(SEED);
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const database = join(tmp.dir, 'faults.db');
  let server = await startServer({ database, extraArgs: ['--demo'] });
  const backendPort = server.port;
  const accounts = await server.accounts();
  t.after(() => server.stop());
  const proxy = await startProxy({ backendPort, random });
  t.after(proxy.close);
  const base = `http://127.0.0.1:${proxy.port}`;
  const browser = await launchBrowser();
  t.after(browser.close);
  const page = await browser.context.newPage();

  await loginInApp(page, base, 'pegawai', accounts.pegawai.password);
  await page.goto(`${base}/minat`);
  await page.waitForSelector('#minat-form', { timeout: 20_000 });
  // The app is installed (service worker active, every page chunk cached) before the network
  // turns bad, as on a tablet that was set up once in the office.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  proxy.setChaos(true);

  // Chaos: kill the server at random moments and bring it back on the same port.
  let stopChaos = false;
  let kills = 0;
  const chaosLoop = (async () => {
    while (!stopChaos) {
      await new Promise((r) => setTimeout(r, 1500 + random() * 3000));
      if (stopChaos) break;
      server.proc.kill('SIGKILL');
      await server.stop();
      kills += 1;
      await new Promise((r) => setTimeout(r, 200 + random() * 1000));
      server = await startServer({ database, port: backendPort });
    }
  })();
  // A failed step must not leave the kill-and-restart loop (and its last server) running.
  t.after(async () => { stopChaos = true; await chaosLoop; await server.stop(); });

  let saves = 0;
  let savedHere = 0; // confirmed saves since the page last loaded
  for (let i = 0; i < OPS; i++) {
    const k = KECAMATAN[Math.floor(random() * KECAMATAN.length)];
    await page.click(`#minat-form input[value="${k}"]`);
    await page.click('#minat-save');
    savedHere += 1;
    // The app confirms once the change and its outbox entry are committed to IndexedDB.
    await page.waitForSelector(`#minat-status[data-saved="${savedHere}"]`, { timeout: 30_000 });
    saves += 1;
    if (random() < 0.01) { // now and then a reload mid-run
      await page.reload();
      await page.waitForSelector('#minat-form', { timeout: 30_000 });
      savedHere = 0;
    }
  }
  stopChaos = true;
  await chaosLoop;
  proxy.setChaos(false);
  // Kick the engine out of any backoff, then wait for the outbox to drain.
  await browser.context.setOffline(true);
  await browser.context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('#pending')?.dataset.count === '0',
    null, { timeout: 180_000 });
  assert.equal(await page.$('#conflicts'), null, 'no change ended as a conflict');

  let since = 0; let applied = 0; const ops = new Set();
  for (;;) {
    const audit = await apiAs(base, 'admin', accounts.admin.password, `/api/audit?since=${since}&limit=5000`);
    for (const e of audit.entries.filter((e) => e.action === 'set_preferences')) {
      applied += 1; ops.add(e.op);
    }
    if (!audit.more) break;
    since = audit.cursor;
  }
  console.log(`fault run: ${saves} changes, ${kills} server kills, ${proxy.dropped()} dropped connections, ${applied} applied`);
  assert.equal(ops.size, applied, 'no op applied twice');
  assert.equal(applied, saves, 'every change applied exactly once');
  assert.ok(kills > 0 && proxy.dropped() > 0, 'the chaos actually happened');

  // The device and the server agree on the final state.
  const local = await page.$$eval('#minat-form input[type="checkbox"]:checked', (xs) => xs.map((x) => x.value).sort());
  const own = (await pullAll(base, 'pegawai', accounts.pegawai.password)).find((r) => r.kind === 'employee');
  assert.deepEqual([...own.data.preferences.kecamatan].sort(), local.filter((v) => KECAMATAN.includes(v)));
});
