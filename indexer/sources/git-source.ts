import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocsSource } from './docs-source.js';

const run = promisify(execFile);

export interface GitSourceOptions {
  /** Branch, tag or commit to check out; the remote's default branch when absent. */
  ref?: string;
  /** Parent folder for the temporary clone. */
  tmpDir?: string;
  /**
   * The process that owns the clone, written into its folder name (`upsun-docs-clone-<pid>-…`) so that the
   * next refresh can tell a clone left by a killed run (sweepDeadClones) from one in use.
   */
  ownerPid?: number;
}

/** Name prefix of temporary clones; sweepDeadClones matches it. */
export const CLONE_PREFIX = 'upsun-docs-clone-';

/** True for what `--source` should treat as a git remote rather than a folder. */
export function isGitUrl(source: string): boolean {
  return /^(https?|ssh|git|file):\/\//.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

/**
 * Shallow-clone a docs repository into a temporary folder. A `file://` URL works like any remote,
 * which is how tests and offline users point the indexer at a local repository.
 */
export async function cloneGitSource(url: string, options: GitSourceOptions = {}): Promise<DocsSource> {
  const dir = mkdtempSync(join(options.tmpDir ?? tmpdir(), `${CLONE_PREFIX}${options.ownerPid !== undefined ? `${options.ownerPid}-` : ''}`));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (options.ref && /^[0-9a-f]{7,40}$/.test(options.ref)) {
      // A commit cannot be cloned by name: fetch just that commit into an empty repository.
      await git(dir, ['init', '--quiet']);
      await git(dir, ['fetch', '--quiet', '--depth', '1', url, options.ref]);
      await git(dir, ['checkout', '--quiet', 'FETCH_HEAD']);
    } else {
      const branch = options.ref ? ['--branch', options.ref] : [];
      await git(dir, ['clone', '--quiet', '--depth', '1', ...branch, url, dir]);
    }
    const { stdout } = await git(dir, ['rev-parse', 'HEAD']);
    return { root: dir, commit: stdout.trim(), origin: url, dispose };
  } catch (error) {
    dispose();
    const detail = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr).trim() : String(error);
    throw new Error(`Could not clone ${url}${options.ref ? ` at ${options.ref}` : ''}: ${detail}`, { cause: error });
  }
}

function git(cwd: string, args: string[]) {
  return run('git', ['-C', cwd, ...args], { maxBuffer: 16 * 1024 * 1024 });
}

/**
 * Remove temporary clones a killed run left in `tmpDir` (SIGKILL runs no cleanup): those whose owner process is
 * gone, and any older than `olderThanMs` (a pid reused by another process, or a clone from before names held a
 * pid). Returns the folders removed.
 */
export function sweepDeadClones(options: { tmpDir?: string; isProcessAlive: (pid: number) => boolean; olderThanMs: number; now?: number }): string[] {
  const parent = options.tmpDir ?? tmpdir();
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(CLONE_PREFIX)) continue;
    const path = join(parent, name);
    const pid = /^(\d+)-/.exec(name.slice(CLONE_PREFIX.length))?.[1];
    let stale: boolean;
    try {
      stale = now - statSync(path).mtimeMs > options.olderThanMs;
    } catch (error) {
      // Removed meanwhile by its own run finishing: nothing left to sweep.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    if (stale || (pid !== undefined && !options.isProcessAlive(Number(pid)))) {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return removed;
}
