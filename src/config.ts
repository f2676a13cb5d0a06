import { homedir } from 'node:os';
import { join } from 'node:path';
import { DATA_PATHS } from './paths.js';

/** Settings from the environment; entry points read `process.env` and pass it here. */
export interface RuntimeConfig {
  /**
   * `UPSUN_DOCS_INDEX`: the one index file every command reads and writes (the Upsun deployment sets it to
   * its storage mount). Unset, commands read the newer of `userIndexFile` and `bundledIndexFile`.
   */
  indexFile: string | undefined;
  /**
   * Where `index`, `refresh` and `rollback` write without `--out`: `$XDG_DATA_HOME/upsun-docs-mcp/index.sqlite`,
   * else `~/.local/share/upsun-docs-mcp/index.sqlite` (the XDG Base Directory default). Never in the package
   * folder, which a reinstall replaces and which may be read-only.
   */
  userIndexFile: string;
  /** The prebuilt index shipped in the package (read-only). */
  bundledIndexFile: string;
}

/** Where the client address of a request comes from: the socket, or a header set by a proxy we trust. */
export type TrustProxy = 'off' | 'x-client-ip' | 'x-forwarded-for';

export interface HttpConfig {
  /** `PORT` (Upsun sets it), default 3000; 0 picks a free port. */
  port: number;
  /** `HOST`, default 127.0.0.1 (loopback: Host headers other than localhost are refused). */
  host: string;
  /**
   * `UPSUN_DOCS_ALLOWED_ORIGINS`: comma-separated origins (`https://app.example.com`) that browsers may call
   * from, besides the endpoint's own origin and, on loopback, any localhost origin. `*` allows every origin.
   */
  allowedOrigins: string[];
  /** `UPSUN_DOCS_ALLOWED_HOSTS`: comma-separated Host names accepted besides loopback ones; empty: any Host unless bound to loopback. */
  allowedHosts: string[];
  /** Calls per client per minute (what each method costs: transports/http/rpc-cost.ts): `UPSUN_DOCS_RATE_LIMIT_PER_MINUTE`, default 120; 0 turns limiting off. */
  rateLimitPerMinute: number;
  /** Calls a client may make at once before the per-minute rate applies: `UPSUN_DOCS_RATE_LIMIT_BURST`, default 30. */
  rateLimitBurst: number;
  /** `UPSUN_DOCS_TRUST_PROXY`: `x-client-ip` (Upsun's router), `x-forwarded-for` (last hop), or `off` (default: the socket address). */
  trustProxy: TrustProxy;
  /** Requests handled at once: `UPSUN_DOCS_MAX_CONCURRENCY`, default 32. */
  maxConcurrency: number;
  /** Requests waiting for a slot before new ones get 503: `UPSUN_DOCS_MAX_QUEUE`, default 256. */
  maxQueue: number;
  /**
   * Largest request body in bytes: `UPSUN_DOCS_MAX_BODY_BYTES`, default 512 KiB (413 above it): room for the
   * largest config explain_config takes (200,000 characters) with JSON escaping, and a bound on what 32
   * requests at once can hold in memory.
   */
  maxBodyBytes: number;
  /** Time to receive a request and answer it, in ms: `UPSUN_DOCS_REQUEST_TIMEOUT_MS`, default 15000. */
  requestTimeoutMs: number;
  /** Bytes of answers kept for repeated requests: `UPSUN_DOCS_ANSWER_CACHE_MB`, default 16; 0 turns the cache off. */
  answerCacheBytes: number;
  /**
   * Server processes: `UPSUN_DOCS_WORKERS` (or `--workers`), a whole number, or `auto` (the default): one per
   * CPU the process may use. 1 serves from a single process.
   */
  workers: number | 'auto';
}

export function readConfig(env: Record<string, string | undefined>, { homeDir = homedir() }: { homeDir?: string } = {}): RuntimeConfig {
  return {
    indexFile: env.UPSUN_DOCS_INDEX || undefined,
    userIndexFile: join(readUserDataDir(env, homeDir), 'upsun-docs-mcp', 'index.sqlite'),
    bundledIndexFile: DATA_PATHS.bundledIndex,
  };
}

/** XDG Base Directory: `$XDG_DATA_HOME` when it is an absolute path (relative ones are to be ignored), else ~/.local/share. */
function readUserDataDir(env: Record<string, string | undefined>, homeDir: string): string {
  const xdg = env.XDG_DATA_HOME;
  if (xdg && xdg.startsWith('/')) return xdg;
  return join(env.HOME || homeDir, '.local', 'share');
}

/**
 * The hosted endpoint's settings (`serve --http`). Separate from readConfig so a malformed `PORT` in a shell
 * never breaks `index` or `search`; throws ConfigError naming the variable.
 */
export function readHttpConfig(env: Record<string, string | undefined>): HttpConfig {
  return {
    port: readInteger(env, 'PORT', 3000, 0, 65_535),
    host: env.HOST || '127.0.0.1',
    allowedOrigins: readList(env.UPSUN_DOCS_ALLOWED_ORIGINS),
    allowedHosts: readList(env.UPSUN_DOCS_ALLOWED_HOSTS).map((host) => host.toLowerCase()),
    rateLimitPerMinute: readInteger(env, 'UPSUN_DOCS_RATE_LIMIT_PER_MINUTE', 120, 0, 1_000_000),
    rateLimitBurst: readInteger(env, 'UPSUN_DOCS_RATE_LIMIT_BURST', 30, 1, 1_000_000),
    trustProxy: readTrustProxy(env.UPSUN_DOCS_TRUST_PROXY),
    maxConcurrency: readInteger(env, 'UPSUN_DOCS_MAX_CONCURRENCY', 32, 1, 10_000),
    maxQueue: readInteger(env, 'UPSUN_DOCS_MAX_QUEUE', 256, 0, 100_000),
    maxBodyBytes: readInteger(env, 'UPSUN_DOCS_MAX_BODY_BYTES', 512 * 1024, 1024, 64 * 1024 * 1024),
    requestTimeoutMs: readInteger(env, 'UPSUN_DOCS_REQUEST_TIMEOUT_MS', 15_000, 100, 600_000),
    answerCacheBytes: readInteger(env, 'UPSUN_DOCS_ANSWER_CACHE_MB', 16, 0, 4096) * 1024 * 1024,
    workers: readWorkers(env.UPSUN_DOCS_WORKERS, 'UPSUN_DOCS_WORKERS'),
  };
}

/** A setting that is wrong; the message names the variable, the bad value and what it takes. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function readInteger(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}='${raw}' is not valid: use a whole number from ${min} to ${max} (default ${fallback}).`);
  }
  return value;
}

/** Most worker processes a setting may ask for: each holds its own copy of the index's search engine (~80 MB). */
export const MAX_WORKERS = 64;

/** `auto` or a whole number of processes from 1 to MAX_WORKERS; `name` is the variable or flag, for the message. */
export function readWorkers(raw: string | undefined, name: string): number | 'auto' {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'auto') return 'auto';
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) {
    throw new ConfigError(`${name}='${raw}' is not valid: use auto (one process per CPU, the default) or a whole number from 1 (a single process) to ${MAX_WORKERS}.`);
  }
  return count;
}

function readList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'off' || value === 'false' || value === '0') return 'off';
  if (value === 'x-client-ip' || value === 'x-forwarded-for') return value;
  throw new ConfigError(`UPSUN_DOCS_TRUST_PROXY='${raw}' is not valid: use x-client-ip (behind Upsun's router), x-forwarded-for, or off.`);
}
