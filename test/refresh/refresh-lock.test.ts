// One refresh at a time: a second run is refused while the first runs, and a lock whose run died is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { acquireRefreshLock, RefreshLockedError } from '../../indexer/refresh/refresh-lock.js';
import { createDocsRepo, refreshArgs, runCli, spawnCli, type DocsRepo } from './docs-repo.js';

let dir: string;
let repo: DocsRepo;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'upsun-docs-lock-'));
  repo = createDocsRepo(join(dir, 'repo'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a second refresh while one runs is refused with who holds the lock, and the first one finishes', async () => {
  const indexFile = join(dir, 'concurrent/index.sqlite');
  const first = spawnCli(refreshArgs(repo.url, indexFile));
  const lock = `${indexFile}.refresh.lock`;
  while (!existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 10));
  const second = await runCli(refreshArgs(repo.url, indexFile));
  expect(second.code).toBe(1);
  expect(second.stderr).toContain(`Another refresh is running (pid ${first.child.pid} on ${hostname()}`);
  const done = await first.done;
  expect(done.code, done.stderr).toBe(0);
  expect(existsSync(lock)).toBe(false);
});

test('a lock left by a run that was killed is taken over', async () => {
  const indexFile = join(dir, 'stale/index.sqlite');
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  mkdirSync(join(dir, 'stale'));
  writeFileSync(`${indexFile}.refresh.lock`, JSON.stringify({ pid: gone, host: hostname(), token: 'killed', startedAt: new Date().toISOString() }));
  const run = await runCli(refreshArgs(repo.url, indexFile));
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain(`Took over a stale refresh lock (pid ${gone} on ${hostname()}`);
  expect(run.stderr).toContain('its process is gone');
});

test('a lock from another host counts as running until it is older than the timeout', () => {
  const file = join(dir, 'other-host.lock');
  let clock = Date.parse('2026-08-12T03:00:00Z');
  const other = acquireRefreshLock(file, { owner: { pid: 4242, host: 'web-2' }, isProcessAlive: () => false, now: () => clock });
  const ours = { owner: { pid: 1, host: 'web-1' }, isProcessAlive: () => false, staleAfterMs: 60_000, now: () => clock };
  expect(() => acquireRefreshLock(file, ours)).toThrow(RefreshLockedError);
  expect(() => acquireRefreshLock(file, ours)).toThrow(/pid 4242 on web-2/);
  clock += 61_000;
  const taken = acquireRefreshLock(file, ours);
  expect(taken.replaced).toMatch(/older than 60 s/);
  // The run that lost its lock must not publish, nor remove the lock it no longer holds.
  expect(() => other.assertHeld()).toThrow(/another run took over/);
  other.release();
  expect(existsSync(file)).toBe(true);
  taken.release();
  expect(existsSync(file)).toBe(false);
});

test('the next holder removes the drafts a run killed while taking the lock left, and keeps a live run\'s', () => {
  const folder = join(dir, 'leftovers');
  mkdirSync(folder);
  const file = join(folder, 'index.sqlite.refresh.lock');
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  const record = (pid: number) => JSON.stringify({ pid, host: hostname(), token: 'draft', startedAt: new Date().toISOString() });
  writeFileSync(`${file}.${gone}-0123abcd`, record(gone));
  writeFileSync(`${file}.${gone}-4567ef01`, ''); // killed before its record was written
  writeFileSync(`${file}.${process.pid}-89abcdef`, record(process.pid));
  const lock = acquireRefreshLock(file, { owner: { pid: process.pid, host: hostname() }, isProcessAlive: (pid) => pid === process.pid });
  expect(readdirSync(folder).sort()).toEqual(['index.sqlite.refresh.lock', `index.sqlite.refresh.lock.${process.pid}-89abcdef`]);
  lock.release();
});
