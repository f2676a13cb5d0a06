import type { RateDecision, RateLimiter } from './rate-limiter.js';

/**
 * What the HTTP server charges a client's calls to. Asynchronous because the buckets may live in another
 * process: with several worker processes (cluster/), the primary holds one table for all of them, so a
 * client's charges add up exactly whichever worker its connections reach.
 */
export interface ClientRateLimiter {
  /** Take `cost` calls from the bucket of `clientKey`, or refuse without taking any. */
  take(clientKey: string, cost: number): Promise<RateDecision>;
}

/** The buckets of a single-process server, in this process. */
export function createLocalRateLimiter(limiter: RateLimiter): ClientRateLimiter {
  return { take: (clientKey, cost) => Promise.resolve(limiter.take(clientKey, cost)) };
}
