import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpConfig } from '../../config.js';
import { createIndexHolder } from '../../docs/index-holder.js';
import { createDocsServerDeps } from '../../mcp/server-deps.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../paths.js';
import { loadImageRegistry } from '../../registry/image-registry.js';
import { loadVocabulary } from '../../search/vocabulary.js';
import type { PrimaryLink } from './cluster/primary-link.js';
import { createDocsHttpServer } from './create-http-server.js';
import { describeStartup } from './startup-line.js';

export interface ServeHttpOptions {
  indexFile: string;
  config: HttpConfig;
  /** stderr: the start-up line, one JSON line per request, swap notices. */
  log(line: string): void;
  /** How long a shutdown waits for requests in flight (default 10 s). */
  shutdownGraceMs?: number;
  /**
   * Set in a worker process of a multi-process server (cluster/serve-cluster): rate limits are charged in the
   * primary's shared table, the primary prints the start-up line and may ask this worker to stop.
   */
  primary?: PrimaryLink;
}

export interface HttpServing {
  /** `http://host:port`, as bound. */
  url: string;
  /** Graceful stop: what SIGTERM and SIGINT run. */
  close(): Promise<void>;
}

/**
 * Serve the docs over HTTP: open the index (warm, so the first request is not the slow one), listen,
 * print where, and stop gracefully on SIGTERM/SIGINT (Upsun sends SIGTERM before a redeploy).
 * The index is served through the holder, so `refresh` swaps it in under a running server.
 */
export async function serveHttp({ indexFile, config, log, shutdownGraceMs = 10_000, primary }: ServeHttpOptions): Promise<HttpServing> {
  // Each MCP request keeps the index it started with until it answers (create-http-server pins it), so a
  // replaced index must stay open longer than the longest request may take.
  const holder = createIndexHolder(indexFile, { vocabulary: loadVocabulary(DATA_PATHS.searchData), log, closeDelayMs: Math.max(120_000, 2 * config.requestTimeoutMs) });
  const index = holder.current();
  // Warmed before listening: the first seconds of traffic after a start (or a redeploy) are not the slow ones.
  await index.warmUp();
  const deps = createDocsServerDeps({
    getIndex: () => holder.current(),
    registry: loadImageRegistry(DATA_PATHS.imageRegistry),
    configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    version: readPackageVersion(),
  });
  const http = createDocsHttpServer({
    deps,
    config,
    log,
    ...(primary && { rateLimiter: primary.rateLimiter, worker: { id: primary.workerId, readStatus: primary.readStatus } }),
  });
  const address = await http.listen();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const { docsCommit, builtAt, pageCount } = index.handle.meta;
  if (primary) {
    log(`upsun-docs-mcp: worker ${primary.workerId} (pid ${process.pid}) serving; index docs commit ${docsCommit || 'unknown'} built ${builtAt}`);
    primary.reportReady(url, { docsCommit, builtAt, pageCount });
  } else {
    log(describeStartup({ url, indexFile, index: { docsCommit, builtAt, pageCount }, config, workers: 1 }));
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      log('upsun-docs-mcp: shutting down: no new connections, finishing requests in flight');
      await http.close(shutdownGraceMs);
      await deps.configChecker.close();
      holder.close();
    })());
  const closeAndExit = () =>
    void close().then(
        () => process.exit(0),
        (error: unknown) => {
          log(`upsun-docs-mcp: shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  // A worker stops when the primary asks (its SIGTERM) or is gone, and on a signal sent to the whole group (Ctrl-C).
  primary?.onShutdown(closeAndExit);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, closeAndExit);
  return { url, close };
}

function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
