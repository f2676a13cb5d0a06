// Killing refresh at any moment (SIGKILL: no handler runs) leaves a working index at the path, and the
// next refresh takes over the dead run's lock and sweeps its temporary files.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openIndex } from '../../src/db/open-index.js';
import { loadIndex } from '../../src/docs/loaded-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { createDocsRepo, refreshArgs, runCli, spawnCli, type DocsRepo, type SpawnedCli } from './docs-repo.js';

let dir: string;
let repo: DocsRepo;
let indexFile: string;
const commits = new Set<string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'upsun-docs-kill-'));
  repo = createDocsRepo(join(dir, 'repo'));
  indexFile = join(dir, 'serving/index.sqlite');
  const first = await runCli(refreshArgs(repo.url, indexFile));
  expect(first.code, first.stderr).toBe(0);
  commits.add(repo.head());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The index at the path opens with this code's schema, answers a search, and comes from a commit we made. */
function expectWorkingIndex(): void {
  const index = loadIndex(indexFile, loadVocabulary(DATA_PATHS.searchData));
  try {
    expect(commits).toContain(index.handle.meta.docsCommit);
    expect(index.search.search({ query: 'cron job', limit: 3 }).results.length).toBeGreaterThan(0);
  } finally {
    index.close();
  }
}

/**
 * Kill moments, each on what the refresh prints as it goes, so each lands inside the run whatever the
 * machine's speed: during the clone, before the crawl, at each quarter of the pages rendered, and while the
 * new index is checked. (A fixed delay could come after the run finished and kill nothing.)
 */
const MOMENTS: Array<{ moment: string; printed: RegExp }> = [
  { moment: 'while cloning the docs', printed: /Fetching the docs from / },
  { moment: 'once the clone is done', printed: /Building the index of / },
  { moment: 'a quarter into rendering the pages', printed: /Rendered \d+ of \d+ upsun pages/ },
  { moment: 'half-way through rendering', printed: /(Rendered \d+ of \d+ upsun pages…\n[^]*){2}/ },
  { moment: 'three quarters into rendering', printed: /(Rendered \d+ of \d+ upsun pages…\n[^]*){3}/ },
  { moment: 'once every page is rendered', printed: /Rendered (\d+) of \1 upsun pages/ },
  { moment: 'while the new index is checked', printed: /Checking the new index/ },
];

/** Kill the run with SIGKILL once `reached` resolves; the run must have died of that signal, not finished. */
async function killWhen(run: SpawnedCli, reached: Promise<void>): Promise<void> {
  await reached;
  run.child.kill('SIGKILL');
  const ended = await run.done;
  expect(ended.signal, `the refresh ended by itself before the kill:\n${ended.stderr}`).toBe('SIGKILL');
}

test.each(MOMENTS)('SIGKILL $moment leaves a working index', async ({ moment, printed }) => {
  commits.add(repo.appendToPage('create-apps/image-properties/crons.md', `\n\nKill test edit ${moment}.\n`, `Edit before a kill ${moment}`));
  const run = spawnCli(refreshArgs(repo.url, indexFile));
  await killWhen(run, run.untilStderr(printed));
  expectWorkingIndex();
});

test('SIGKILL the moment the new index is being written leaves a working index', async () => {
  commits.add(repo.appendToPage('create-apps/image-properties/crons.md', '\n\nKill test edit while writing.\n', 'Edit before a kill while writing'));
  const run = spawnCli(refreshArgs(repo.url, indexFile));
  const serving = join(dir, 'serving');
  let exited = false;
  void run.done.then(() => (exited = true));
  // This run's temp file (its pid in the name): an earlier killed run's is still there until this one sweeps it.
  const ours = `.tmp-${run.child.pid}-`;
  const tempFileAppears = (async () => {
    while (!exited && !readdirSync(serving).some((name) => name.includes(ours))) await new Promise((resolve) => setImmediate(resolve));
  })();
  await killWhen(run, tempFileAppears);
  expectWorkingIndex();
});

test('the next refresh after the kills succeeds and leaves only the index and its previous version', async () => {
  const run = await runCli(refreshArgs(repo.url, indexFile));
  expect(run.code, run.stderr).toBe(0);
  expect(readdirSync(join(dir, 'serving')).sort()).toEqual(['index.sqlite', 'index.sqlite.previous']);
  expect(openIndex(indexFile).meta.docsCommit).toBe(repo.head());
  expect(existsSync(`${indexFile}.refresh.lock`)).toBe(false);
});

test('a docs clone left by a refresh killed mid-clone is removed by the next refresh', async () => {
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  const env = { TMPDIR: tmp };
  commits.add(repo.appendToPage('create-apps/image-properties/crons.md', '\n\nKill test edit while cloning.\n', 'Edit before a kill while cloning'));
  const run = spawnCli(refreshArgs(repo.url, indexFile), env);
  let exited = false;
  void run.done.then(() => (exited = true));
  while (!exited && !readdirSync(tmp).some((name) => name.startsWith('upsun-docs-clone-'))) await new Promise((resolve) => setImmediate(resolve));
  run.child.kill('SIGKILL');
  await run.done;
  const left = readdirSync(tmp).filter((name) => name.startsWith('upsun-docs-clone-'));
  expect(left, 'the kill came too late: the run had cleaned up its clone').toHaveLength(1);
  // SIGKILL spares the run's `git clone` child: let it finish writing, as it would before a nightly run.
  await waitForCheckout(join(tmp, left[0]!));

  const next = await runCli(refreshArgs(repo.url, indexFile), env);
  expect(next.code, next.stderr).toBe(0);
  expect(next.stderr).toContain('a docs clone left by an interrupted run');
  expect(readdirSync(tmp).filter((name) => name.startsWith('upsun-docs-clone-'))).toEqual([]);
  expectWorkingIndex();
});

/** Wait (at most 10 s) until the orphaned clone in `dir` has checked out its commit. */
async function waitForCheckout(dir: string): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    try {
      execFileSync('git', ['-C', dir, 'rev-parse', '--verify', '--quiet', 'HEAD'], { stdio: 'ignore' });
      if (readdirSync(dir).length > 1) return;
    } catch {
      // Not a repository yet (the clone has not written HEAD): look again.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
