// A real git repository of docs made from the bundled snapshot, served by file:// URL, and the built CLI
// run against it: what `refresh --source file://…` sees in production, minus the network.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { DATA_PATHS } from '../../src/paths.js';

/** What the upsun build reads from the snapshot; the rest (platformsh site, licence) only slows the copy. */
const NEEDED = ['sites/upsun', 'shared/data', 'themes/psh-docs/layouts', 'SOURCE.md'];

export interface DocsRepo {
  dir: string;
  url: string;
  /** The commit the default branch points at. */
  head(): string;
  /** Append text to a page under sites/upsun/src and commit it on the current branch; returns the commit. */
  appendToPage(page: string, text: string, message: string): string;
  /** Run git in the repository. */
  git(...args: string[]): string;
}

export function createDocsRepo(dir: string): DocsRepo {
  mkdirSync(dir, { recursive: true });
  for (const part of NEEDED) cpSync(join(DATA_PATHS.docsSnapshot, part), join(dir, part), { recursive: true });
  // The snapshot is read-only on disk; the copy must take edits.
  makeWritable(dir);
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '-m', 'docs snapshot');
  return {
    dir,
    url: `file://${dir}`,
    head: () => git('rev-parse', 'main'),
    appendToPage(page, text, message) {
      appendFileSync(join(dir, 'sites/upsun/src', page), text);
      git('commit', '--quiet', '--all', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    git,
  };
}

function makeWritable(path: string): void {
  const stats = statSync(path);
  chmodSync(path, stats.mode | 0o200);
  if (stats.isDirectory()) for (const name of readdirSync(path)) makeWritable(join(path, name));
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnedCli {
  child: ChildProcess;
  done: Promise<CliRun>;
  /** Resolves once stderr matches `pattern`; rejects, with the output, if the process ends first. */
  untilStderr(pattern: RegExp): Promise<void>;
}

/** Start the built CLI (`dist/cli/upsun-docs-mcp.js`); the environment is the test's minus UPSUN_DOCS_INDEX, plus `extraEnv`. */
export function spawnCli(args: string[], extraEnv: Record<string, string> = {}): SpawnedCli {
  const { UPSUN_DOCS_INDEX: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [inject('cliEntry'), ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const untilStderr = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const look = () => {
        if (!pattern.test(stderr)) return;
        child.stderr!.off('data', look);
        resolve();
      };
      child.stderr!.on('data', look);
      look();
      void done.then((run) => reject(new Error(`The CLI ended (code ${run.code}, signal ${run.signal}) before printing ${pattern}:\n${run.stderr}`)));
    });
  return { child, done, untilStderr };
}

export function runCli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  return spawnCli(args, extraEnv).done;
}

/** `refresh` of the upsun docs from a repository into an index file. */
export function refreshArgs(source: string, out: string, ...extra: string[]): string[] {
  return ['refresh', '--source', source, '--product', 'upsun', '--out', out, ...extra];
}
