// Benchmark (prints figures, asserts only that a plan came back): a city-wide planner presses
// "Jalankan" on the Rencana Mutasi page for the whole demo city; how long until the reviewed
// plan (figures and the first page of moves) is on screen? The plan runs in the plan worker,
// which the page starts and warms (reads the city from IndexedDB) when it opens and keeps between
// runs; the plan comes back in pages of moves. The first run follows the page's opening at once,
// so it may still wait for the warm-up. Also: is the page responsive meanwhile (the longest
// main-thread task while the plan runs and arrives)?
//   node bench/plan-run.mjs      (needs dist/ and the release server, as the e2e tests)
//   node bench/plan-run.mjs 5    (the same on an instansi of 5 regions, `serve --demo-scale 5`:
//                                 about 100,000 ASN; also $MUTASI_DEMO_SCALE)
import assert from 'node:assert/strict';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

const scale = Number(process.argv[2] ?? process.env.MUTASI_DEMO_SCALE ?? 1);
// Waits grow with the instansi (seeding, the first sync, reading it on the page).
const wait = 30_000 * scale;
const tmp = tempDir();
const server = await startServer({ database: join(tmp.dir, 'bench.db'),
  extraArgs: ['--demo', '--demo-scale', String(scale)], startTimeout: 20 * wait });
const accounts = await server.accounts();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(wait);
  await loginInApp(page, server.url, 'perencana-kota', accounts['perencana-kota'].password, 4 * wait);
  await page.goto(`${server.url}/rencana`);
  await page.waitForSelector('#plan-scope', { timeout: wait });
  await page.selectOption('#plan-scope', 'city');
  const runs = []; const longest = []; let moves = 0; let inWorker = '';
  const press = () => page.evaluate(async () => {
      const tasks = [];
      const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)));
      obs.observe({ type: 'longtask', buffered: false });
      const t0 = performance.now();
      document.querySelector('#plan-run').click();
      const started = performance.now();
      const until = (cond) => new Promise((resolve) => {
        const check = () => (cond() ? resolve() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
      await until(() => document.querySelector('#plan-progress'));
      await until(() => document.querySelector('#plan-result, #plan-error')
        && !document.querySelector('#plan-progress'));
      const ms = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 200));
      obs.takeRecords().forEach((e) => tasks.push(e.duration));
      obs.disconnect();
      return { ms, click: started - t0, longest: Math.max(0, ...tasks),
        moves: Number(document.querySelector('#plan-result')?.dataset.moves ?? 0),
        summary: document.querySelector('#plan-summary')?.textContent ?? document.querySelector('#plan-error')?.textContent };
    });
  for (let i = 0; i < 3; i++) {
    const r = await press();
    runs.push(Math.round(r.ms)); longest.push(Math.round(r.longest)); moves = r.moves; inWorker = r.summary;
  }
  // A planner who takes a few seconds over the form: the page opened anew, Run pressed 5 s later.
  await page.goto(`${server.url}/rencana`);
  await page.waitForSelector('#plan-scope', { timeout: wait });
  await page.selectOption('#plan-scope', 'city');
  await page.waitForTimeout(5_000);
  const later = await press();
  assert.ok(moves > 0, `the city plan moves people (${inWorker})`);
  console.log(`BENCH scale ${scale}: press Run to reviewed city plan: ${runs.join(' ms, ')} ms (${moves} moves)`);
  console.log(`BENCH longest main-thread task during a run: ${longest.join(' ms, ')} ms`);
  console.log(`BENCH first run 5 s after opening the page: ${Math.round(later.ms)} ms, longest task ${Math.round(later.longest)} ms (${later.moves} moves)`);
  assert.equal(later.moves, moves, 'the same plan');
  console.log(`BENCH ${inWorker}`);
  console.log(`FIGURE plan_runs_ms=${runs.join('/')}`);
  console.log(`FIGURE plan_later_ms=${Math.round(later.ms)}`);
  console.log(`FIGURE plan_longest_task_ms=${Math.max(...longest, Math.round(later.longest))}`);
  console.log(`FIGURE plan_moves=${moves}`);
  console.log(`BENCH load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
  await server.stop();
  tmp.cleanup();
}
