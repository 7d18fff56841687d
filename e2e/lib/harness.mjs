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
 * its URL. `stop()` sends SIGTERM and resolves when the process has exited.
 */
export async function startServer({ database, port = 0, dist = MUTASI_DIST, extraArgs = [] }) {
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--database', database,
    '--dist', dist, ...extraArgs];
  const proc = spawn(MUTASI_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((done) => proc.once('exit', done));
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start in 30 s:\n${stderr}`)), 30_000);
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
  return { url, port: Number(new URL(url).port), proc, stop };
}

/** Launches headless Chromium with flags that keep it off the (closed) internet. */
export async function launchBrowser() {
  const profile = tempDir('mutasi-chromium-');
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  const close = async () => { await context.close(); profile.cleanup(); };
  return { context, close };
}
