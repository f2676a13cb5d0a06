import { mkdtempSync, rmSync } from 'node:fs';
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
}

/** True for what `--source` should treat as a git remote rather than a folder. */
export function isGitUrl(source: string): boolean {
  return /^(https?|ssh|git|file):\/\//.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

/**
 * Shallow-clone a docs repository into a temporary folder. A `file://` URL works like any remote,
 * which is how tests and offline users point the indexer at a local repository.
 */
export async function cloneGitSource(url: string, options: GitSourceOptions = {}): Promise<DocsSource> {
  const dir = mkdtempSync(join(options.tmpDir ?? tmpdir(), 'upsun-docs-clone-'));
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
