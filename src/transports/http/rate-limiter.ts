export interface RateLimiterOptions {
  /** Calls a client may make at once (the bucket's size). */
  burst: number;
  /** Calls per minute the bucket refills at. */
  perMinute: number;
  /** Clients remembered at once; past it the least recently seen is forgotten, so memory stays bounded. Default 10,000. */
  maxClients?: number;
  /** Clock in ms (tests pass their own). Default `performance.now`. */
  now?: () => number;
}

export interface RateDecision {
  allowed: boolean;
  /** The bucket's size, for `RateLimit-Limit`. */
  limit: number;
  /** Whole calls left, for `RateLimit-Remaining`. */
  remaining: number;
  /** Seconds until the bucket is full again, for `RateLimit-Reset`. */
  resetSeconds: number;
  /** When refused: seconds until one call is allowed, for `Retry-After`. */
  retryAfterSeconds: number;
  /** `RateLimit-Policy` (IETF draft-ietf-httpapi-ratelimit-headers): the bucket and its refill window. */
  policy: string;
}

export interface RateLimiter {
  /** Take `cost` calls from the client's bucket, or refuse without taking any. */
  take(key: string, cost?: number): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per client: `burst` calls at once, refilled at `perMinute`. Buckets live in a Map kept in
 * least-recently-used order (re-inserted on each use), so forgetting the oldest is O(1).
 */
export function createRateLimiter({ burst, perMinute, maxClients = 10_000, now = () => performance.now() }: RateLimiterOptions): RateLimiter {
  if (!(burst >= 1) || !(perMinute > 0)) throw new RangeError(`A rate limiter needs burst >= 1 and perMinute > 0, got burst ${burst}, perMinute ${perMinute}.`);
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  const policy = `${burst};w=${Math.ceil(burst / (perMinute / 60))}`;

  return {
    take(key, cost = 1) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: burst, updatedAt: time };
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);

      bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.updatedAt) * perMs);
      bucket.updatedAt = time;
      const allowed = bucket.tokens >= cost;
      if (allowed) bucket.tokens -= cost;
      return {
        allowed,
        limit: burst,
        remaining: Math.floor(bucket.tokens),
        resetSeconds: Math.ceil((burst - bucket.tokens) / perMs / 1000),
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((cost - bucket.tokens) / perMs / 1000)),
        policy,
      };
    },
  };
}

/** The `RateLimit-*` headers of a decision, plus `Retry-After` when it refused. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
    'ratelimit-policy': decision.policy,
    ...(!decision.allowed && { 'retry-after': String(decision.retryAfterSeconds) }),
  };
}
