import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { DocsSource } from './docs-source.js';

/**
 * A docs tree in a local folder. The commit comes from git when the folder is a checkout, or from
 * the `SOURCE.md` note that the bundled snapshot carries ("commit `<sha>`").
 */
export function openLocalSource(dir: string): DocsSource {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`Docs source folder not found: ${root}. Pass --source with a platformsh-docs checkout or a git URL.`);
  }
  return { root, commit: readLocalCommit(root), origin: root, dispose: () => {} };
}

function readLocalCommit(root: string): string | null {
  const note = join(root, 'SOURCE.md');
  if (existsSync(note)) {
    const match = /commit `([0-9a-f]{7,40})`/.exec(readFileSync(note, 'utf8'));
    if (match?.[1]) return match[1];
  }
  if (existsSync(join(root, '.git'))) {
    return execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  }
  return null;
}
