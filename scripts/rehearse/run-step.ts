// Runs one command of the config the way Upsun does: in dash (hooks and crons run in dash:
// create-apps/hooks/_index.md, create-apps/image-properties/crons.md), in the app directory, as the app's
// unprivileged user, with only the environment the platform gives that phase.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface PlatformUser {
  name: string;
  /** Set when the rehearsal runs as root and drops to this user; undefined: run as the caller. */
  uid?: number;
  gid?: number;
}

/** A step that failed: its name (build hook, deploy hook, web start, ...), the command as written and its output. */
export class RehearsalStepError extends Error {
  constructor(
    readonly step: string,
    readonly command: string,
    reason: string,
    readonly output = '',
  ) {
    super(`Step "${step}" failed: ${reason}\n  command: ${command.trim().split('\n').join('\n           ')}${output ? `\n  output (last lines):\n${indent(tail(output, 25))}` : ''}`);
  }
}

export interface StepOptions {
  step: string;
  command: string;
  cwd: string;
  env: Record<string, string>;
  user: PlatformUser;
  timeoutMs: number;
  /** Each output line, for the rehearsal's log. */
  log(line: string): void;
}

/**
 * The user steps run as. As root, permissions do not stop writes to a read-only tree, so the steps run as
 * `nobody`; as anyone else, the caller's user already cannot write where the mode forbids it.
 */
export function choosePlatformUser(): PlatformUser {
  if (process.getuid?.() !== 0) return { name: process.env.USER ?? 'the current user' };
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith('nobody:'));
  const [, , uid, gid] = passwd?.split(':') ?? [];
  if (!uid || !gid) throw new Error('Running as root, the rehearsal drops to the user nobody, which /etc/passwd does not have.');
  return { name: 'nobody', uid: Number(uid), gid: Number(gid) };
}

/** dash if the machine has it (Upsun's shell for hooks and crons), else sh. */
export function platformShell(): string {
  return spawnSync('dash', ['-c', 'true']).status === 0 ? 'dash' : 'sh';
}

export function spawnAsPlatformUser(command: string, options: { cwd: string; env: Record<string, string>; user: PlatformUser; detached?: boolean }) {
  return spawn(platformShell(), ['-c', command], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
    ...(options.user.uid !== undefined && { uid: options.user.uid, gid: options.user.gid }),
  });
}

/** Run a command to its end; a non-zero exit or the timeout fails the step. */
export function runStep(options: StepOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnAsPlatformUser(options.command, { ...options, detached: true });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) options.log(`  [${options.step}] ${line}`);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new RehearsalStepError(options.step, options.command, `could not start: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new RehearsalStepError(options.step, options.command, timedOut ? `no end after ${options.timeoutMs / 1000} s` : `exit ${code ?? signal}`, output));
    });
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}
