// The app tree through a deploy: a clean checkout of a commit, owned by the app user for the build,
// frozen read-only after it (learn/overview/build-deploy.md, "Freeze app container"), with each mount
// linked in as a writable folder outside the tree.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RehearsalMount } from './rehearsal-plan.js';
import type { PlatformUser } from './run-step.js';

/** The committed tree at `ref`, without .git (Upsun builds from the tree, not the repository). */
export function checkOutTree(repoDir: string, ref: string, appDir: string): { treeId: string; commit: string } {
  mkdirSync(appDir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-C', repoDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`).trim();
  execFileSync('sh', ['-c', 'git -C "$1" archive --format=tar "$2" | tar -x -C "$3"', 'sh', repoDir, commit, appDir]);
  return { treeId: git('rev-parse', `${commit}^{tree}`).trim(), commit };
}

/** Give folders to the app user (as root the steps run as nobody, who must own what it may write). */
export function giveToUser(user: PlatformUser, ...paths: string[]): void {
  if (user.uid === undefined) return;
  for (const path of paths) execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, path]);
}

/** Folders the app user walks through on the way to the app tree must let it in. */
export function openToUser(path: string): void {
  chmodSync(path, 0o755);
}

/** Remove write permission from the whole tree, for everyone. */
export function freezeTree(appDir: string): void {
  execFileSync('chmod', ['-R', 'a-w', appDir]);
}

/** Give write permission back (only to delete the rehearsal's work folder). */
export function thawTree(dir: string): void {
  execFileSync('chmod', ['-R', 'u+w', dir]);
}

/**
 * Each mount is a folder under mountsDir (`storage/<source_path>`: every instance would share it) linked at its
 * path in the app tree. A symlink, not a bind mount: the same paths resolve, without root or a mount namespace.
 */
export function linkMounts(appDir: string, mountsDir: string, mounts: RehearsalMount[], user: PlatformUser): void {
  for (const mount of mounts) {
    const target = join(mountsDir, mount.source, mount.sourcePath);
    if (!existsSync(target)) {
      mkdirSync(target, { recursive: true });
      giveToUser(user, join(mountsDir, mount.source));
    }
    const at = join(appDir, mount.path);
    // A tree frozen by an earlier run (--reuse-build) is opened just where the link goes; freezeTree closes it.
    for (let dir = dirname(at); dir.startsWith(appDir) && existsSync(dir); dir = dirname(dir)) chmodSync(dir, 0o755);
    rmSync(at, { recursive: true, force: true });
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(target, at);
  }
}

/**
 * Files the app user created, since `since`, in the places outside the app tree anyone may write to. Only
 * meaningful when the build ran as a user of its own (nobody): then everything else was closed to it.
 * Top level only: below it, a folder the user could write to would itself be listed.
 */
export function findStrayWrites(user: PlatformUser, sinceFile: string, exclude: string): string[] {
  if (user.uid === undefined) return [];
  const roots = ['/tmp', '/var/tmp', '/dev/shm'].filter((root) => existsSync(root));
  const found = execFileSync('find', [...roots, '-mindepth', '1', '-maxdepth', '1', '-user', String(user.uid), '-newer', sinceFile], { encoding: 'utf8' });
  return found.split('\n').filter((path) => path && path !== exclude && !path.startsWith(`${exclude}/`));
}

/** The repository's working-tree state, to see that the build left the checkout it came from alone. */
export function readRepoStatus(repoDir: string): string {
  return execFileSync('git', ['-C', repoDir, 'status', '--porcelain', '--untracked-files=all', '--ignored=no'], { encoding: 'utf8' });
}
