import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import type { Piscina as PiscinaPool } from 'piscina';
import type { ConfigReport } from '../config-check/index.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { ConfigCheckTask } from './config-check-worker.js';

/** Checks `.upsun/config.yaml` texts off the caller's thread; what the MCP handlers await. */
export interface AsyncConfigChecker {
  check(yamlText: string): Promise<ConfigReport>;
  /** Terminate the worker threads, checks running or not (idle ones exit by themselves after `idleTimeoutMs`). */
  close(): Promise<void>;
}

export interface ConfigCheckPoolOptions {
  /** The parsed `.upsun/config.yaml` JSON Schema, handed to each worker once. */
  schema: unknown;
  /** Checks run at once, each on its own thread. Default 2. */
  threads?: number;
  /** Checks waiting for a thread; one more is refused at once. Default 16. */
  maxQueue?: number;
  /** Longest wait for a thread before a check is refused, in ms. Default 10 s. */
  maxWaitMs?: number;
  /** Longest a check may run once on a thread, in ms; past it the thread is terminated. Default 3 s. */
  timeoutMs?: number;
  /** V8 old-generation heap of a worker, in MB; past it the worker dies and the check is refused. Default 96. */
  maxHeapMb?: number;
  /** An idle worker exits after this long, in ms. Default 60 s: the schema compiles once per worker. */
  idleTimeoutMs?: number;
  /** The worker module (default: the bundled `dist/cli/config-check-worker.js`, which `npm run build` writes). */
  workerFile?: string;
}

/**
 * A check refused or stopped for its cost or for a busy server. The message is for the caller (a model or a
 * person): what was too much and what to send instead. It holds no stack, path or input text.
 */
export class ConfigCheckRefusedError extends Error {
  override name = 'ConfigCheckRefusedError';
  constructor(
    readonly reason: 'timeout' | 'memory' | 'busy',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Config checks on a small pool of worker threads (piscina), each with a hard memory limit (`resourceLimits`)
 * and a deadline: a check past either is stopped (the thread is terminated, which halts even a synchronous
 * loop) and answered with ConfigCheckRefusedError, while the server's own thread keeps answering searches.
 * Workers run at a lower OS priority (`niceIncrement`), so on a busy machine a search wins the CPU over a check.
 *
 * Nothing starts until the first check: stdio start-up and most sessions never pay for a thread. The slots
 * here (not piscina's queue) decide when a check starts, so the deadline counts running time, not waiting.
 */
export function createConfigCheckPool(options: ConfigCheckPoolOptions): AsyncConfigChecker {
  const threads = options.threads ?? 2;
  const maxQueue = options.maxQueue ?? 16;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const maxHeapMb = options.maxHeapMb ?? 96;
  const workerFile = options.workerFile ?? join(PACKAGE_ROOT, 'dist/cli/config-check-worker.js');
  let pool: Promise<PiscinaPool> | undefined;
  let running = 0;
  const waiting: Array<() => void> = [];

  const openPool = async (): Promise<PiscinaPool> => {
    // Loaded on first use, like `yaml`: piscina is not part of the stdio server's start-up.
    const { Piscina } = await import('piscina');
    return new Piscina({
      filename: pathToFileURL(workerFile).href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: options.idleTimeoutMs ?? 60_000,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      workerData: { schema: options.schema },
      niceIncrement: 10,
    });
  };

  const takeSlot = (): Promise<void> => {
    if (running < threads) {
      running += 1;
      return Promise.resolve();
    }
    if (waiting.length >= maxQueue) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(grant), 1);
        reject(busy());
      }, maxWaitMs);
      waiting.push(grant);
    });
  };
  const freeSlot = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return {
    async check(yamlText) {
      await takeSlot();
      // The deadline counts from the worker's word that the check starts: starting a thread and compiling
      // the schema (once per worker, our own fixed cost) get their own, longer bound.
      const stop = new AbortController();
      const { port1: startedPort, port2: started } = new MessageChannel();
      let timer = setTimeout(() => stop.abort(), STARTUP_TIMEOUT_MS);
      startedPort.once('message', () => {
        clearTimeout(timer);
        timer = setTimeout(() => stop.abort(), timeoutMs);
      });
      try {
        const task: ConfigCheckTask = { yamlText, started };
        return (await (await (pool ??= openPool())).run(task, { signal: stop.signal, transferList: [started] })) as ConfigReport;
      } catch (error) {
        throw describeFailure(error, { timeoutMs, maxHeapMb });
      } finally {
        clearTimeout(timer);
        startedPort.close();
        freeSlot();
      }
    },
    async close() {
      // Terminate, not drain: the transports close the pool after their requests in flight are done or given
      // up on, and a check still running then (a slow one near its deadline) has no one to answer.
      if (pool) await (await pool).destroy();
    },
  };
}

/** Longest a worker may take to start and compile the schema before its first check (~0.3 s on a quiet machine). */
const STARTUP_TIMEOUT_MS = 30_000;

function busy(): ConfigCheckRefusedError {
  return new ConfigCheckRefusedError('busy', 'The server is checking as many configs as it can at once. Retry in a few seconds.');
}

/** A worker's failure, said for the caller; anything but a stopped or dead worker is a bug and is rethrown with its cause. */
function describeFailure(error: unknown, limits: { timeoutMs: number; maxHeapMb: number }): Error {
  const advice = 'Send .upsun/config.yaml alone, without generated or repeated blocks, and write repeated values out instead of merging YAML anchors.';
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new ConfigCheckRefusedError('timeout', `Checking this config took longer than ${limits.timeoutMs / 1000} s, the most one check may take, and was stopped. ${advice}`, { cause: error });
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ConfigCheckRefusedError('memory', `Checking this config needed more than the ${limits.maxHeapMb} MB of memory one check may use, and was stopped. ${advice}`, { cause: error });
  }
  return new Error('The config check failed unexpectedly.', { cause: error });
}
