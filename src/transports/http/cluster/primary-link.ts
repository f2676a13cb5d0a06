import type { ClientRateLimiter } from '../client-rate-limiter.js';
import { HttpError } from '../http-error.js';
import type { RateDecision } from '../rate-limiter.js';
import { isPrimaryMessage, type ClusterStatus, type PrimaryMessage, type ServedIndexSummary, type WorkerMessage } from './cluster-messages.js';

/** A worker process's line to the primary: shared rate-limit buckets, cluster status, start-up and shutdown. */
export interface PrimaryLink {
  /** The cluster's id of this worker (1, 2, …; a replacement gets the next unused one). */
  workerId: number;
  /** Charges clients in the primary's table, shared by every worker. */
  rateLimiter: ClientRateLimiter;
  readStatus(): Promise<ClusterStatus>;
  reportReady(url: string, index: ServedIndexSummary): void;
  /** Runs once when the primary asks this worker to stop, or when the primary is gone. */
  onShutdown(handler: () => void): void;
}

export interface PrimaryChannel {
  send(message: WorkerMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}

/**
 * A reply normally comes back within a millisecond; one that takes this long means the primary is stuck,
 * and the request is answered 503 instead of waiting for its own timeout.
 */
const REPLY_TIMEOUT_MS = 5_000;

export function connectToPrimary(workerId: number, channel: PrimaryChannel): PrimaryLink {
  let nextId = 0;
  const pending = new Map<number, { settle(message: Extract<PrimaryMessage, { type: 'upsun-docs:reply' }>): void; fail(error: Error): void; timer: NodeJS.Timeout }>();
  const shutdownHandlers: Array<() => void> = [];
  let shutDown = false;
  const shutdown = () => {
    if (shutDown) return;
    shutDown = true;
    for (const handler of shutdownHandlers) handler();
  };

  channel.onMessage((message) => {
    if (!isPrimaryMessage(message)) return;
    if (message.type === 'upsun-docs:shutdown') return shutdown();
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    clearTimeout(waiter.timer);
    waiter.settle(message);
  });
  channel.onDisconnect(() => {
    const gone = unavailable('the primary process is gone');
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer);
      waiter.fail(gone);
    }
    pending.clear();
    shutdown();
  });

  const ask = (message: { type: 'upsun-docs:take'; clientKey: string; cost: number } | { type: 'upsun-docs:status' }) =>
    new Promise<Extract<PrimaryMessage, { type: 'upsun-docs:reply' }>>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(unavailable('the primary process did not answer'));
      }, REPLY_TIMEOUT_MS);
      pending.set(id, { settle: resolve, fail: reject, timer });
      try {
        channel.send({ ...message, id });
      } catch (error) {
        // The channel closed between the last message and this one: answered like a primary that is gone.
        pending.delete(id);
        clearTimeout(timer);
        reject(unavailable(`the primary process cannot be reached (${(error as Error).message})`));
      }
    });

  return {
    workerId,
    rateLimiter: {
      async take(clientKey, cost): Promise<RateDecision> {
        const reply = await ask({ type: 'upsun-docs:take', clientKey, cost });
        if (!reply.decision) throw unavailable(reply.error ?? 'the primary process answered without a decision');
        return reply.decision;
      },
    },
    async readStatus() {
      const reply = await ask({ type: 'upsun-docs:status' });
      if (!reply.status) throw unavailable(reply.error ?? 'the primary process answered without a status');
      return reply.status;
    },
    reportReady(url, index) {
      channel.send({ type: 'upsun-docs:ready', url, index });
    },
    onShutdown(handler) {
      shutdownHandlers.push(handler);
      if (shutDown) handler();
    },
  };
}

function unavailable(why: string): HttpError {
  return new HttpError(503, `Service Unavailable: ${why}. Retry shortly.`, { headers: { 'retry-after': '1' } });
}

/** The IPC channel of this process when it was forked by node:cluster. */
export function processChannel(): PrimaryChannel {
  return {
    send(message) {
      if (!process.send) throw new Error('This process has no IPC channel: it was not started as a cluster worker.');
      process.send(message);
    },
    onMessage: (listener) => process.on('message', listener),
    onDisconnect: (listener) => process.once('disconnect', listener),
  };
}
