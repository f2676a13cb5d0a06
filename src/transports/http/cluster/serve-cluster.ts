import cluster, { type Worker } from 'node:cluster';
import type { HttpConfig } from '../../../config.js';
import { createRateLimiter, type RateLimiter } from '../rate-limiter.js';
import { describeStartup } from '../startup-line.js';
import { isWorkerMessage, type ClusterStatus, type PrimaryMessage, type WorkerMessage } from './cluster-messages.js';

export interface ServeClusterOptions {
  /** Worker processes to run (2 or more; one process serves without this module). */
  workers: number;
  indexFile: string;
  config: HttpConfig;
  /** stderr: start-up, worker deaths and replacements, shutdown. Workers write their own request lines. */
  log(line: string): void;
  /** How long a shutdown waits for the workers to finish their requests before killing them (default 10 s, plus 5 s). */
  shutdownGraceMs?: number;
}

export interface ClusterServing {
  url: string;
  close(): Promise<void>;
}

/** Longest wait before retrying a worker that keeps dying before it serves (the delay doubles from 1 s). */
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The primary process of a multi-process server (node:cluster). It serves nothing itself and never opens
 * the index: it forks the workers (each runs this same command, opens its own index holder and serves
 * HTTP), shares their listening socket (the primary accepts connections and hands them out in turn), holds
 * the one rate-limit table every worker charges over IPC, replaces a worker that dies, and stops them all
 * gracefully on SIGTERM/SIGINT.
 *
 * Resolves once every worker listens; rejects when one dies before it ever served (a missing index, a port
 * in use): the start-up itself is broken, and restarting would only repeat the error.
 */
export function serveCluster({ workers, indexFile, config, log, shutdownGraceMs = 10_000 }: ServeClusterOptions): Promise<ClusterServing> {
  const buckets = config.rateLimitPerMinute > 0 ? createRateLimiter({ burst: config.rateLimitBurst, perMinute: config.rateLimitPerMinute }) : undefined;
  const serving = new Set<number>();
  let replaced = 0;
  let started = false;
  let closing: Promise<void> | undefined;
  let earlyFailures = 0;

  return new Promise((resolve, reject) => {
    const status = (): ClusterStatus => ({ workers, serving: serving.size, replaced });

    const answer = (worker: Worker, message: WorkerMessage) => {
      switch (message.type) {
        case 'upsun-docs:take':
        case 'upsun-docs:status':
          return send(worker, answerQuestion(message, { buckets, status }));
        case 'upsun-docs:ready':
          serving.add(worker.id);
          earlyFailures = 0;
          if (started) {
            log(`upsun-docs-mcp: worker ${worker.id} (pid ${worker.process.pid}) is serving; ${serving.size} of ${workers} workers serving.`);
          } else if (serving.size === workers) {
            started = true;
            log(describeStartup({ url: message.url, indexFile, index: message.index, config, workers }));
            resolve({ url: message.url, close });
          }
          return;
      }
    };

    const fork = () => {
      const worker = cluster.fork();
      worker.on('message', (message: unknown) => {
        if (isWorkerMessage(message)) answer(worker, message);
      });
      // An 'error' on the channel (EPIPE while the worker dies) is followed by its 'exit', handled below.
      worker.on('error', (error) => log(`upsun-docs-mcp: worker ${worker.id}: ${error.message}`));
    };

    cluster.on('exit', (worker, code, signal) => {
      const wasServing = serving.delete(worker.id);
      if (closing) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (!started) {
        // Its own error is on stderr above this line (the worker logs why it could not start).
        stopAll('SIGTERM');
        reject(new Error(`worker ${worker.id} ${how} before it was serving; the server could not start (its error is above).`));
        return;
      }
      replaced += 1;
      const delay = wasServing ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** earlyFailures++);
      log(`upsun-docs-mcp: worker ${worker.id} (pid ${worker.process.pid}) ${how}; ${serving.size} of ${workers} workers serving; starting a replacement${delay ? ` in ${delay / 1000} s` : ''}.`);
      setTimeout(() => {
        if (!closing) fork();
      }, delay).unref();
    });

    const close = () =>
      (closing ??= (async () => {
        log(`upsun-docs-mcp: shutting down ${Object.keys(cluster.workers ?? {}).length} workers: no new connections, finishing requests in flight`);
        const exits = liveWorkers().map((worker) => new Promise<void>((done) => (worker.isDead() ? done() : worker.once('exit', () => done()))));
        for (const worker of liveWorkers()) send(worker, { type: 'upsun-docs:shutdown' });
        // A worker stuck past its own grace period is killed: a redeploy must not wait on it.
        const deadline = setTimeout(() => stopAll('SIGKILL'), shutdownGraceMs + 5_000);
        await Promise.all(exits);
        clearTimeout(deadline);
      })());

    // `on`, not `once`: a second signal during the shutdown must not kill the primary and orphan the workers.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        void close().then(
          () => process.exit(0),
          (error: unknown) => {
            log(`upsun-docs-mcp: shutdown failed: ${(error as Error).message}`);
            process.exit(1);
          },
        );
      });
    }
    for (let i = 0; i < workers; i++) fork();
  });
}

/** The primary's answer to a worker's question: a charge against the shared buckets, or the cluster's status. */
export function answerQuestion(
  message: Extract<WorkerMessage, { type: 'upsun-docs:take' | 'upsun-docs:status' }>,
  { buckets, status }: { buckets: RateLimiter | undefined; status: () => ClusterStatus },
): PrimaryMessage {
  if (message.type === 'upsun-docs:status') return { type: 'upsun-docs:reply', id: message.id, status: status() };
  // Unlimited servers never ask; a reply without a decision makes the worker answer 503.
  return buckets
    ? { type: 'upsun-docs:reply', id: message.id, decision: buckets.take(message.clientKey, message.cost) }
    : { type: 'upsun-docs:reply', id: message.id, error: 'rate limiting is off in the primary' };
}

function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
}

function stopAll(signal: NodeJS.Signals): void {
  for (const worker of liveWorkers()) worker.process.kill(signal);
}

function send(worker: Worker, message: PrimaryMessage): void {
  // A worker that is exiting can no longer be told anything; its 'exit' is handled on its own.
  if (worker.isConnected()) worker.send(message);
}
