// Benchmark (prints figures; asserts only that Lighthouse produced scores): Lighthouse's mobile
// run (its defaults: a Moto G-class screen, simulated slow 4G of 150 ms RTT and 1.6 Mbit/s, 4×
// CPU slowdown) on Beranda AFTER login, as each kind of user: the browser logs in through the
// app's form and syncs, then Lighthouse reloads "/" with the storage kept (the session and the
// IndexedDB copy), which is what a returning user's start looks like.
//   scripts/bench-lighthouse.sh      (installs Lighthouse here; needs dist/ and the release server)
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { launchBrowser, loginInApp, startServer, tempDir } from '../../lib/harness.mjs';

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

const users = (process.argv[2] ?? 'perencana-kota,pegawai').split(',');
const tmp = tempDir();
const server = await startServer({ database: join(tmp.dir, 'bench.db'), extraArgs: ['--demo'] });
const accounts = await server.accounts();
try {
  for (const user of users) {
    const port = await freePort();
    const browser = await launchBrowser({ args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', `--remote-debugging-port=${port}`] });
    try {
      const page = await browser.context.newPage();
      await loginInApp(page, server.url, user, accounts[user].password);
      const result = await lighthouse(`${server.url}/`, {
        port, output: 'json', logLevel: 'error', disableStorageReset: true,
        onlyCategories: ['performance', 'accessibility'],
      });
      const lhr = result.lhr;
      const score = (c) => Math.round((lhr.categories[c]?.score ?? NaN) * 100);
      const audit = (a) => lhr.audits[a]?.displayValue ?? '?';
      assert.ok(Number.isFinite(score('performance')), `Lighthouse scored ${user}`);
      console.log(`BENCH lighthouse mobile ${user}: performance ${score('performance')}, accessibility ${score('accessibility')}, `
        + `FCP ${audit('first-contentful-paint')}, LCP ${audit('largest-contentful-paint')}, `
        + `TBT ${audit('total-blocking-time')}, CLS ${audit('cumulative-layout-shift')}, SI ${audit('speed-index')}`);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0
          && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id))
        .map((a) => a.id);
      if (failing.length) console.log(`BENCH   accessibility audits failing: ${failing.join(', ')}`);
      const timings = (lhr.audits['user-timings']?.details?.items ?? [])
        .filter((t) => t.name.startsWith('mutasi:') && t.timingType === 'Measure');
      console.log(`BENCH   user timings: ${timings.map((t) => `${t.name} ${Math.round(t.duration)} ms`).join(', ') || 'none'}`);
      const longTasks = lhr.audits['long-tasks']?.details?.items ?? [];
      console.log(`BENCH   long tasks: ${longTasks.slice(0, 5).map((t) => `${Math.round(t.duration)} ms at ${Math.round(t.startTime)} ms${t.url ? ` (${t.url.split("/").pop()})` : ""}`).join(", ") || "none"}`);
      const shifts = lhr.audits['layout-shifts']?.details?.items ?? [];
      if (shifts.length) {
        console.log(`BENCH   layout shifts: ${shifts.slice(0, 4).map((x) => `${x.node?.selector ?? x.node?.snippet ?? '?'} ${x.score?.toFixed(3)}`).join('; ')}`);
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
  tmp.cleanup();
}
