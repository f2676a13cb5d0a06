// refresh end to end: a real git repository over file://, the built CLI, and an MCP server answering
// through an index holder that picks up each new index without a restart.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openIndex } from '../../src/db/open-index.js';
import { createDocsRepo, refreshArgs, runCli, type DocsRepo } from './docs-repo.js';
import { searchPaths, servedCommit, serveThroughHolder, type HeldServer } from './serve-holder.js';

const CRONS = 'create-apps/image-properties/crons.md';
// A word no page has, so that only the edited page can match it.
const MARKER = 'quillfeather';

let dir: string;
let repo: DocsRepo;
let indexFile: string;
let server: HeldServer;
let firstCommit: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'upsun-docs-refresh-'));
  repo = createDocsRepo(join(dir, 'repo'));
  indexFile = join(dir, 'serving/index.sqlite');
  const first = await runCli(refreshArgs(repo.url, indexFile));
  expect(first.code, first.stderr).toBe(0);
  firstCommit = repo.head();
  server = await serveThroughHolder(indexFile);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The serving file, by inode, with the commit it was built from. */
function servingFile(): { inode: number; commit: string } {
  const handle = openIndex(indexFile);
  try {
    return { inode: statSync(indexFile).ino, commit: handle.meta.docsCommit };
  } finally {
    handle.close();
  }
}

describe('a refresh from a changed repository', () => {
  let changedCommit: string;
  let output: string;
  beforeAll(async () => {
    expect(await searchPaths(server, MARKER)).not.toContain(CRONS);
    changedCommit = repo.appendToPage(CRONS, `\n\n## Scheduling with a ${MARKER}\n\nA ${MARKER} schedules nothing; it marks this edit.\n`, 'Edit the crons page');
    const run = await runCli(refreshArgs(repo.url, indexFile));
    expect(run.code, run.stderr).toBe(0);
    output = run.stderr;
  });

  test('changes what a running server finds, and the docs commit it reports, without a restart', async () => {
    expect((await searchPaths(server, MARKER))[0]).toBe(CRONS);
    expect(await servedCommit(server)).toBe(changedCommit);
    expect(server.logged.join('\n')).toContain(`switched to the index built at`);
  });

  test('reports how many sections have page questions, and that none were dropped', () => {
    const match = /Page questions: (\d+) of (\d+) upsun sections have some \(\d+\.\d%\); none dropped\./.exec(output);
    expect(match, output).not.toBeNull();
    // The edit added a heading: one more section, and it has no page questions yet.
    expect(Number(match![1])).toBeGreaterThan(0);
    expect(Number(match![1])).toBeLessThan(Number(match![2]));
  });

  test('rebuilds only the changed page and keeps the replaced index as .previous', () => {
    const match = /Refreshed .*: (\d+) pages .*?; (\d+) pages unchanged/.exec(output);
    expect(match, output).not.toBeNull();
    expect(Number(match![2])).toBe(Number(match![1]) - 1);
    const previous = openIndex(`${indexFile}.previous`);
    expect(previous.meta.docsCommit).toBe(firstCommit);
    previous.close();
  });

  test('rollback swaps the previous index back in, and a second rollback undoes it', async () => {
    const back = await runCli(['rollback', '--out', indexFile]);
    expect(back.code, back.stderr).toBe(0);
    expect(await servedCommit(server)).toBe(firstCommit);
    expect(await searchPaths(server, MARKER)).not.toContain(CRONS);
    const forth = await runCli(['rollback', '--out', indexFile]);
    expect(forth.code, forth.stderr).toBe(0);
    expect(await servedCommit(server)).toBe(changedCommit);
  });
});

describe('a refresh that fails leaves the serving index in place and says why', () => {
  let before: { inode: number; commit: string };
  beforeAll(() => {
    before = servingFile();
    // Branches of the same repository with broken trees; main stays as it is.
    repo.git('checkout', '--quiet', '-b', 'gutted');
    for (const section of ['add-services', 'get-started', 'development', 'administration', 'increase-observability', 'languages', 'manage-resources']) {
      repo.git('rm', '--quiet', '-r', `sites/upsun/src/${section}`);
    }
    repo.git('commit', '--quiet', '-m', 'Delete most pages');
    repo.git('checkout', '--quiet', 'main');
    repo.git('checkout', '--quiet', '-b', 'no-crons-page');
    repo.git('rm', '--quiet', `sites/upsun/src/${CRONS}`);
    repo.git('commit', '--quiet', '-m', 'Delete the crons page');
    repo.git('checkout', '--quiet', 'main');
  });

  test.each([
    ['a missing source folder', () => refreshArgs(join(dir, 'no-such-folder'), indexFile), /Docs source folder not found: .*no-such-folder/],
    ['a ref the repository does not have', () => refreshArgs(repo.url, indexFile, '--ref', 'no-such-branch'), /Could not clone file:\/\/.* at no-such-branch/],
    ['a tree with most pages deleted', () => refreshArgs(repo.url, indexFile, '--ref', 'gutted'), /failed its checks: upsun has \d+ pages, down from \d+ \(below 90%\)/],
    ['a tree without the page a smoke query must find', () => refreshArgs(repo.url, indexFile, '--ref', 'no-crons-page'), /"cron job" does not find create-apps\/image-properties\/crons\.md/],
  ])('%s', async (_name, args, reason) => {
    const run = await runCli(args());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(reason);
    expect(servingFile()).toEqual(before);
    expect(await servedCommit(server)).toBe(before.commit);
    expect((await searchPaths(server, 'cron job')).length).toBeGreaterThan(0);
  });

  test('leaves no lock or temporary file beside the index', () => {
    expect(readdirSync(join(dir, 'serving')).sort()).toEqual(['index.sqlite', 'index.sqlite.previous']);
  });
});
