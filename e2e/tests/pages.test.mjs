// Every page, as each role sees it: an axe-core accessibility check (no serious or critical
// violation) and a screenshot at tablet (portrait and landscape) and desktop size, kept in
// e2e/artifacts/screenshots (not in git) for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiAs, launchBrowser, loginInApp, startServer, tempDir } from '../lib/harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts', 'screenshots');
const SIZES = [
  ['phone', { width: 390, height: 844 }],
  ['tablet-portrait', { width: 800, height: 1280 }],
  ['tablet-landscape', { width: 1280, height: 800 }],
  ['desktop', { width: 1440, height: 900 }],
];

/** Runs axe on the page; returns the serious and critical violations, readable. */
async function axeProblems(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document);
    return {
      checked: r.passes.length + r.violations.length,
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      })),
    };
  });
  // axe really ran: it checked rules on this page.
  assert.ok(result.checked > 10, `axe checked ${result.checked} rules`);
  const minor = result.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length) console.log(`axe (minor/moderate) on ${page.url()}: ${minor.map((v) => v.id).join(', ')}`);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Tables shown as cards at 390 px, with their first cell's label: `page#table:label`. */
const seenCards = [];

async function visit(page, url, ready, name, problems) {
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 30_000 });
  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    await page.waitForFunction((w) => window.innerWidth === w, viewport.width);
    await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: false });
    // The page itself never scrolls sideways (wide tables scroll inside their own box).
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 1) problems.push({ page: name, size, id: 'horizontal-scroll', help: `${wide} px wider than the screen` });
    if (size === 'phone') {
      // Wide tables become cards: nothing scrolls inside its box, and each cell shows its
      // column's name (in the page's language) before its content.
      const cards = await page.evaluate(() => [...document.querySelectorAll('table.cards')].map((t) => {
        const cell = t.querySelector('tbody td[data-label]');
        return {
          id: t.id, over: t.scrollWidth - t.parentElement.clientWidth,
          label: cell?.dataset.label, shown: cell ? getComputedStyle(cell, '::before').content : null,
        };
      }));
      for (const c of cards) {
        if (c.over > 1) problems.push({ page: name, size, id: 'wide-table', help: `#${c.id} is ${c.over} px wider than its box` });
        if (c.label !== undefined && c.shown !== `"${c.label}: "`) {
          problems.push({ page: name, size, id: 'card-label', help: `#${c.id} shows ${c.shown}, not "${c.label}: "` });
        }
      }
      seenCards.push(...cards.filter((c) => c.label).map((c) => `${name}#${c.id}:${c.label}`));
    }
  }
  for (const v of await axeProblems(page)) problems.push({ page: name, ...v });
}

test('every page passes axe (no serious or critical violations) at every size', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const server = await startServer({ database: join(tmp.dir, 'e2e.db'), extraArgs: ['--demo'] });
  t.after(() => server.stop());
  const accounts = await server.accounts();
  // The app's CSP rightly refuses inline scripts; axe is injected by the test, so bypass it.
  const browser = await launchBrowser({ bypassCSP: true });
  t.after(browser.close);
  const problems = [];

  // Signed out.
  const page = await browser.context.newPage();
  await visit(page, `${server.url}/masuk`, '#username', 'masuk', problems);

  // The city planner: every planner page.
  await loginInApp(page, server.url, 'perencana-kota', accounts['perencana-kota'].password);
  const pull = await apiAs(server.url, 'perencana-kota', accounts['perencana-kota'].password,
    '/api/sync/pull?since=0&limit=200');
  const unit = pull.records.find((r) => r.kind === 'unit' && !r.data.parent);
  await visit(page, `${server.url}/`, '#content h2', 'beranda', problems);
  await visit(page, `${server.url}/pegawai`, '#pegawai-list, .virtual-list, table', 'pegawai', problems);
  await visit(page, `${server.url}/formasi`, 'table', 'formasi', problems);
  await visit(page, `${server.url}/formasi/opd/${encodeURIComponent(unit.id)}`, 'table', 'formasi-opd', problems);
  await page.click('table a[href^="/formasi/slot/"]').catch(() => {});
  await visit(page, page.url(), '#candidates', 'kandidat', problems);
  await visit(page, `${server.url}/talenta`, 'table, .nine-box', 'talenta', problems);
  await page.goto(`${server.url}/rencana`);
  await page.waitForSelector('#plan-scope', { timeout: 30_000 });
  await page.selectOption('#plan-scope', 'kind:SmpNegeri');
  await page.click('#plan-run');
  await page.waitForSelector('#plan-result', { timeout: 120_000 });
  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `rencana-${size}.png`) });
  }
  for (const v of await axeProblems(page)) problems.push({ page: 'rencana', ...v });
  await visit(page, `${server.url}/usulan`, '#content h2', 'usulan', problems);
  await visit(page, `${server.url}/sk`, '#content h2', 'sk', problems);
  await visit(page, `${server.url}/dampak`, '#content h2', 'dampak', problems);
  await visit(page, `${server.url}/audit`, '#content h2', 'audit-planner', problems);
  // The same screens in English (longer words, other line breaks), with `<html lang="en">`.
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await visit(page, `${server.url}/`, '#content h2', 'beranda-en', problems);
  await visit(page, `${server.url}/formasi`, 'table', 'formasi-en', problems);
  await visit(page, `${server.url}/talenta`, 'table, .nine-box', 'talenta-en', problems);
  await visit(page, `${server.url}/usulan`, '#content h2', 'usulan-en', problems);
  await visit(page, `${server.url}/sk`, '#content h2', 'sk-en', problems);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  // An employee: their own career page with options, and their preferences.
  const other = await launchBrowser({ bypassCSP: true });
  t.after(other.close);
  const emp = await other.context.newPage();
  await loginInApp(emp, server.url, 'pegawai', accounts.pegawai.password);
  await emp.click('#nav-karier');
  await emp.waitForSelector('#profil-options', { timeout: 60_000 });
  await visit(emp, emp.url(), '#profil-options', 'karier', problems);
  await emp.locator('#profil-options').screenshot({ path: join(SHOTS, 'karier-options.png') });
  await visit(emp, `${server.url}/minat`, '#minat-form', 'minat', problems);
  await emp.click('#lang-switch');
  await emp.waitForFunction(() => document.documentElement.lang === 'en');
  await emp.click('#nav-karier');
  await emp.waitForSelector('#profil-options', { timeout: 60_000 });
  await visit(emp, emp.url(), '#profil-options', 'karier-en', problems);
  await visit(emp, `${server.url}/minat`, '#minat-form', 'minat-en', problems);

  assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  // The wide planner tables were seen as cards, labelled in each language.
  for (const want of ['formasi#formasi-opd:Kebutuhan', 'formasi-en#formasi-opd:Need', 'kandidat#candidates:']) {
    assert.ok(seenCards.some((c) => c.startsWith(want)), `${want} in ${JSON.stringify(seenCards)}`);
  }
});
