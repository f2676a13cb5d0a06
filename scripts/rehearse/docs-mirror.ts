// A file:// stand-in for https://github.com/platformsh/platformsh-docs: a git repository made from the
// bundled snapshot, where the rehearsal commits a change for the cron's refresh to publish.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { giveToUser, thawTree } from './app-tree.js';
import type { PlatformUser } from './run-step.js';

export interface DocsMirror {
  url: string;
  head(): string;
  /** Append text to a page (a path under the repository) and commit it; returns the new commit. */
  commitAppend(page: string, text: string): string;
}

export function createDocsMirror(snapshotDir: string, dir: string, user: PlatformUser): DocsMirror {
  cpSync(snapshotDir, dir, { recursive: true });
  thawTree(dir);
  // The repository ends up owned by the app user, who clones it; git refuses a repository owned by
  // someone else unless told it is safe.
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'safe.directory=*', '-c', 'user.name=rehearsal', '-c', 'user.email=rehearsal@example.com', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '-m', 'docs snapshot');
  giveToUser(user, dir);
  return {
    url: `file://${dir}`,
    head: () => git('rev-parse', 'HEAD'),
    commitAppend(page, text) {
      appendFileSync(join(dir, page), text);
      git('commit', '--quiet', '--all', '-m', `Edit ${page}`);
      giveToUser(user, dir);
      return git('rev-parse', 'HEAD');
    },
  };
}
