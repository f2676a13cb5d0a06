// The web start command, supervised as the platform does: "If it terminates, it's restarted immediately"
// (create-apps/image-properties/web.md, `start`). Stopping sends SIGTERM to the command's process group,
// as a service supervisor does, so the shell and the server both receive it.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnAsPlatformUser, type PlatformUser } from './run-step.js';

export interface WebExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The end of what it wrote before exiting. */
  output: string;
}

export interface WebProcess {
  /** Every exit before stop() was called: each one was restarted. */
  readonly exits: WebExit[];
  /** Everything the current run wrote. */
  output(): string;
  /**
   * SIGTERM, then wait up to graceMs for the whole process group; SIGKILL after. Returns how long it took and
   * how the shell ended, or undefined if it had to be killed (or had already exited).
   */
  stop(graceMs: number): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null } | undefined>;
}

export function startWebProcess(options: { command: string; cwd: string; env: Record<string, string>; user: PlatformUser; log(line: string): void; restartDelayMs?: number }): WebProcess {
  const exits: WebExit[] = [];
  let stopping = false;
  let child: ChildProcess;
  let output = '';
  let closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  const launch = () => {
    output = '';
    child = spawnAsPlatformUser(options.command, { cwd: options.cwd, env: options.env, user: options.user, detached: true });
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-20_000);
      for (const line of text.split('\n')) if (line.trim() && !line.startsWith('{"')) options.log(`  [web] ${line}`);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    closed = new Promise((resolve) => {
      child.once('error', (error) => {
        output += `\ncould not start: ${error.message}`;
        resolve({ code: null, signal: null });
      });
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    void closed.then(async ({ code, signal }) => {
      if (stopping) return;
      exits.push({ code, signal, output: output.slice(-4_000) });
      options.log(`  [web] exited (${code ?? signal}); restarting it, as the platform does`);
      await sleep(options.restartDelayMs ?? 500);
      if (!stopping) launch();
    });
  };
  launch();

  return {
    exits,
    output: () => output,
    async stop(graceMs) {
      stopping = true;
      const started = Date.now();
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      signalGroup(child.pid!, 'SIGTERM');
      const result = await Promise.race([closed, sleep(graceMs).then(() => undefined)]);
      while (groupAlive(child.pid!) && Date.now() - started < graceMs) await sleep(50);
      if (result === undefined || groupAlive(child.pid!)) {
        signalGroup(child.pid!, 'SIGKILL');
        return undefined;
      }
      return { ms: Date.now() - started, ...result };
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group has already gone, which is what the signal asks for.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
