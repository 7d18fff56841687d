// Shared helpers for the end-to-end tests: start a real `mutasi serve` on a free port with a
// temporary database, and launch Debian's Chromium (never a downloaded browser).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
export const MUTASI_BIN = process.env.MUTASI_BIN ?? join(root, 'target', 'release', 'mutasi');
export const MUTASI_DIST = process.env.MUTASI_DIST ?? join(root, 'dist');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A fresh temporary folder, removed by the returned cleanup function. */
export function tempDir(prefix = 'mutasi-e2e-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts `mutasi serve` on 127.0.0.1 (port 0 unless `port` is given) and resolves once it prints
 * its URL. `stop()` sends SIGTERM and resolves when the process has exited. Unless `warmup`,
 * the server does not prepare the city-wide snapshot at start (seconds of a core per start on
 * a 2-core machine; a city-wide sync still prepares it, so the tests meet both paths).
 */
export async function startServer({ database, port = 0, dist = MUTASI_DIST, extraArgs = [],
  startTimeout = 30_000, warmup = false }) {
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--database', database,
    '--dist', dist, ...(warmup ? [] : ['--no-snapshot-warmup']), ...extraArgs];
  const proc = spawn(MUTASI_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  proc.stdout.on('data', (chunk) => { stdout += chunk; });
  proc.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((done) => proc.once('exit', done));
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start in ${startTimeout / 1000} s:\n${stderr}`)),
      startTimeout);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (match) { clearTimeout(timer); ok(match[0]); }
    });
    proc.once('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited (${code}):\n${stderr}`)); });
    proc.once('error', (err) => { clearTimeout(timer); fail(err); });
  });
  const stop = async () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await exited;
  };
  /** Demo accounts printed by `serve --demo`: { username: { role, password } }. */
  const accounts = async () => {
    for (let i = 0; i < startTimeout / 100 && !/\n\s+pegawai\s+employee\s+\S+/.test(stdout); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const found = {};
    for (const m of stdout.matchAll(/^\s{2}(\S+)\s+(employee|planner|approver|admin)\s+(\S+)/gm)) {
      found[m[1]] = { role: m[2], password: m[3] };
    }
    return found;
  };
  /** Resolves once the server's output (stdout or its log on stderr) matches `pattern`. */
  const printed = async (pattern, timeout = 120_000) => {
    for (let waited = 0; !pattern.test(stdout) && !pattern.test(stderr); waited += 100) {
      if (waited >= timeout) throw new Error(`the server did not print ${pattern} in ${timeout / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { url, port: Number(new URL(url).port), proc, stop, accounts, printed };
}

/**
 * Launches headless Chromium with flags that keep it off the (closed) internet. `options` go to
 * the browser context (e.g. `{ bypassCSP: true }` to inject axe-core).
 */
export async function launchBrowser(options = {}) {
  const profile = tempDir('mutasi-chromium-');
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
    ...options,
  });
  const close = async () => { await context.close(); profile.cleanup(); };
  return { context, close, profile: profile.dir };
}

/**
 * Records, inside the page, when `selector` first shows: the `performance.now()` of the frame
 * after it entered the document (ms from the navigation's start), kept in `globalThis[key]`. Set
 * up before the page's own scripts run, so it does not depend on how often Playwright polls (its
 * waits check every 500 ms after a while).
 */
export async function recordWhenShown(page, selector, key) {
  await page.addInitScript(([selector, key]) => {
    const seen = new MutationObserver(() => {
      if (document.querySelector(selector)) {
        seen.disconnect();
        requestAnimationFrame(() => { globalThis[key] = performance.now(); });
      }
    });
    seen.observe(document, { subtree: true, childList: true });
  }, [selector, key]);
}

/**
 * Logs in through the app's form and waits for the first sync to finish (at most `syncTimeout`
 * ms: a large instansi's benchmarks wait longer).
 */
export async function loginInApp(page, baseUrl, username, password, syncTimeout = 120_000) {
  await page.goto(`${baseUrl}/masuk`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  // A sync that ended after this login, not the previous one's time still on screen: a login
  // that hands the copy over reloads the page, and until then the old page shows the old time.
  const since = await page.evaluate(() => Date.now());
  await page.click('form button[type="submit"]');
  await page.waitForSelector('#account-name', { timeout: 20_000 });
  await page.waitForFunction((since) => {
    const status = document.querySelector('#cache-status');
    return /Sinkron terakhir: \d/.test(status?.textContent ?? '')
      && Date.parse(status?.dataset.synced ?? '') >= since;
  }, since, { timeout: syncTimeout });
}

/** Logs `username` in through the API and returns the session token. */
export async function loginToken(baseUrl, username, password) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  return (await login.json()).token;
}

/** A UUID v7 (the server takes client op ids of version 7 only). */
export function uuidv7() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Calls the API as `username` (logs in first) and returns the parsed JSON of `path`. */
export async function apiAs(baseUrl, username, password, path) {
  const token = await loginToken(baseUrl, username, password);
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every record `username` may pull, all pages (logs in first). */
export async function pullAll(baseUrl, username, password) {
  const token = await loginToken(baseUrl, username, password);
  const records = [];
  let since = 0;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/sync/pull?since=${since}&limit=5000`,
      { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`pull: ${res.status} ${await res.text()}`);
    const page = await res.json();
    records.push(...page.records);
    if (!page.more) return records;
    since = page.cursor;
  }
}
