import { HttpError } from './http-error.js';

export interface ConcurrencyLimiterOptions {
  /** Requests handled at once. */
  maxConcurrent: number;
  /** Requests waiting for a slot; one more is shed with 503. */
  maxQueue: number;
  /** Longest wait for a slot before the request is shed with 503, in ms. */
  maxWaitMs: number;
  /** Seconds a shed client is told to wait (`Retry-After`). Default 1. */
  retryAfterSeconds?: number;
}

export interface ConcurrencyLimiter {
  /** Wait for a slot; resolves with the function that frees it, or rejects with a 503 HttpError. */
  acquire(): Promise<() => void>;
  /** Requests holding a slot now. */
  readonly active: number;
  /** Requests waiting for one. */
  readonly queued: number;
}

interface Waiter {
  grant: (release: () => void) => void;
  timer: NodeJS.Timeout;
}

/**
 * Bounded concurrency: a burst queues up to `maxQueue` deep, then is shed with 503 and `Retry-After`,
 * so memory held by waiting requests has a ceiling instead of growing with the burst.
 */
export function createConcurrencyLimiter({ maxConcurrent, maxQueue, maxWaitMs, retryAfterSeconds = 1 }: ConcurrencyLimiterOptions): ConcurrencyLimiter {
  let active = 0;
  const queue: Waiter[] = [];
  const overloaded = () =>
    new HttpError(503, 'Service Unavailable: the server is at capacity. Retry after the time in Retry-After.', {
      headers: { 'retry-after': String(retryAfterSeconds) },
    });

  const release = () => {
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.grant(once(release));
    } else {
      active -= 1;
    }
  };

  return {
    acquire() {
      if (active < maxConcurrent) {
        active += 1;
        return Promise.resolve(once(release));
      }
      if (queue.length >= maxQueue) return Promise.reject(overloaded());
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          grant: resolve,
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(waiter), 1);
            reject(overloaded());
          }, maxWaitMs),
        };
        queue.push(waiter);
      });
    },
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
  };
}

/** A release that frees its slot once however often it is called (a finish and a close may both call it). */
function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
