import { randomBytes } from 'node:crypto';
import { linkSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Who holds a lock: the process id means something only on the host that wrote it. */
export interface LockOwner {
  pid: number;
  host: string;
}

export interface RefreshLockOptions {
  owner: LockOwner;
  /** True when a process with this id runs on this host (the entry point asks the OS). */
  isProcessAlive: (pid: number) => boolean;
  /**
   * A lock older than this is stale whoever holds it (default 1 h; a refresh takes about a minute). It is
   * the only test for a lock written on another host, whose process ids say nothing here.
   */
  staleAfterMs?: number;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

export interface RefreshLock {
  file: string;
  /** The stale lock this one replaced, described for the log, when it replaced one. */
  replaced?: string;
  /**
   * Throw unless the lock file is still this one's: a run slow enough to be judged stale has been taken
   * over, and must not publish over the run that took over. Called right before the rename.
   */
  assertHeld(): void;
  /** Remove the lock if it is still this one's. Safe to call twice. */
  release(): void;
}

/** Another refresh holds the lock; the message says who and since when. */
export class RefreshLockedError extends Error {
  override name = 'RefreshLockedError';
}

interface LockRecord extends LockOwner {
  token: string;
  startedAt: string;
}

/**
 * Take the refresh lock: a file beside the index holding the owner's host, pid and start time. The
 * record is written to a private file first and hard-linked into place, so the lock path never holds a
 * half-written record, and link(2) fails when the path exists, so two runs cannot both create it. A lock
 * is stale, and is taken over, when its process is gone (same host) or when it is older than
 * `staleAfterMs`: a run killed with SIGKILL, or by a cron's `shutdown_timeout`, holds it no longer.
 */
export function acquireRefreshLock(file: string, options: RefreshLockOptions): RefreshLock {
  const now = options.now ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? 60 * 60 * 1000;
  const record: LockRecord = { ...options.owner, token: randomBytes(8).toString('hex'), startedAt: new Date(now()).toISOString() };
  const draft = `${file}.${record.pid}-${record.token}`;
  writeFileSync(draft, `${JSON.stringify(record)}\n`);
  let replaced: string | undefined;
  try {
    // A few rounds: a lock can vanish (its run ended) between a failed link and the read.
    for (let round = 0; !tryLink(draft, file); round++) {
      const holder = readLockRecord(file);
      if (holder === 'gone' && round < 3) continue;
      const staleness = typeof holder === 'object' ? describeStaleness(holder, { ...options, staleAfterMs, now }) : 'it holds no lock record';
      if (typeof holder === 'object' && !staleness) {
        throw new RefreshLockedError(
          `Another refresh is running (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}; lock ${file}). ` +
            'Wait for it to finish, or delete the lock file if that process is gone.',
        );
      }
      replaced = typeof holder === 'object' ? `pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}: ${staleness}` : 'an unreadable lock file';
      takeOver(file, typeof holder === 'object' ? holder.token : undefined, record.token);
    }
  } finally {
    rmSync(draft, { force: true });
  }
  sweepLockLeftovers(file, { ...options, staleAfterMs, now });

  const isHeld = () => {
    const current = readLockRecord(file);
    return typeof current === 'object' && current.token === record.token;
  };
  let released = false;
  return {
    file,
    ...(replaced !== undefined && { replaced }),
    assertHeld() {
      if (!isHeld()) {
        throw new RefreshLockedError(`This refresh ran past ${Math.round(staleAfterMs / 1000)} s and another run took over the lock ${file}; not publishing.`);
      }
    },
    release() {
      if (released) return;
      released = true;
      if (isHeld()) rmSync(file, { force: true });
    },
  };
}

/** Why a lock is stale, or undefined when its holder may still be running. */
function describeStaleness(holder: LockRecord, options: RefreshLockOptions & { staleAfterMs: number; now: () => number }): string | undefined {
  const age = options.now() - Date.parse(holder.startedAt);
  if (!(age < options.staleAfterMs)) return `older than ${Math.round(options.staleAfterMs / 1000)} s`;
  if (holder.host === options.owner.host && !options.isProcessAlive(holder.pid)) return 'its process is gone';
  return undefined;
}

/**
 * Remove a stale lock so that the next link can create ours. It is moved aside and checked first: when
 * two runs judge the same lock stale, the second would otherwise delete the lock the first just created.
 * Finding a lock other than the stale one, it puts that lock back and reports the run that holds it.
 */
function takeOver(file: string, staleToken: string | undefined, ownToken: string): void {
  const aside = `${file}.stale-${ownToken}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    // Gone already: another run removed it; the caller's next link decides.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new Error(`Cannot move the stale refresh lock ${file} aside: ${(error as Error).message}`, { cause: error });
  }
  const moved = readLockRecord(aside);
  if (typeof moved === 'object' && moved.token !== staleToken) {
    tryLink(aside, file);
    rmSync(aside, { force: true });
    throw new RefreshLockedError(`Another refresh took over the stale lock ${file} first (pid ${moved.pid} on ${moved.host}).`);
  }
  rmSync(aside, { force: true });
}

/**
 * Remove the drafts and moved-aside locks that a run killed inside `acquireRefreshLock` left beside the
 * lock (SIGKILL runs no `finally`). Called by the lock's holder. A draft holds its writer's record, so it is
 * judged like a lock: it goes when its process is gone or it is older than the stale limit (a draft cut
 * before its record was written goes when the pid in its name is gone). A moved-aside lock lives for
 * microseconds during a take-over, so one older than a minute is a leftover. File ages are on the real
 * clock, as the file system's mtimes are.
 */
function sweepLockLeftovers(file: string, options: RefreshLockOptions & { staleAfterMs: number; now: () => number }): void {
  const prefix = `${basename(file)}.`;
  for (const name of readdirSync(dirname(file))) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const draftPid = /^(\d+)-[0-9a-f]+$/.exec(rest)?.[1];
    const aside = /^stale-[0-9a-f]+$/.test(rest);
    if (draftPid === undefined && !aside) continue;
    const path = join(dirname(file), name);
    let leftover: boolean;
    try {
      const age = Date.now() - statSync(path).mtimeMs;
      if (draftPid === undefined) leftover = age > 60_000;
      else {
        const record = readLockRecord(path);
        if (record === 'gone') continue;
        leftover = typeof record === 'object' ? describeStaleness(record, options) !== undefined : age > 60_000 || !options.isProcessAlive(Number(draftPid));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // its writer removed it meanwhile
      throw error;
    }
    if (leftover) rmSync(path, { force: true });
  }
}

/** link(2) the draft to the lock path; false when the path already exists. */
function tryLink(draft: string, file: string): boolean {
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`Cannot create the refresh lock ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** The record in a lock file, 'gone' when there is no file, 'unreadable' when it holds no record (written by hand). */
function readLockRecord(file: string): LockRecord | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw new Error(`Cannot read the refresh lock ${file}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: Partial<LockRecord>;
  try {
    parsed = JSON.parse(text) as Partial<LockRecord>;
  } catch (error) {
    if (error instanceof SyntaxError) return 'unreadable';
    throw error;
  }
  if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.token !== 'string' || typeof parsed.startedAt !== 'string') return 'unreadable';
  return parsed as LockRecord;
}
