import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpConfig } from '../../config.js';
import { createIndexHolder } from '../../docs/index-holder.js';
import { createDocsServerDeps } from '../../mcp/server-deps.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../paths.js';
import { loadImageRegistry } from '../../registry/image-registry.js';
import { loadVocabulary } from '../../search/vocabulary.js';
import { createDocsHttpServer } from './create-http-server.js';

export interface ServeHttpOptions {
  indexFile: string;
  config: HttpConfig;
  /** stderr: the start-up line, one JSON line per request, swap notices. */
  log(line: string): void;
  /** How long a shutdown waits for requests in flight (default 10 s). */
  shutdownGraceMs?: number;
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
export async function serveHttp({ indexFile, config, log, shutdownGraceMs = 10_000 }: ServeHttpOptions): Promise<HttpServing> {
  // Each MCP request keeps the index it started with until it answers (create-http-server pins it), so a
  // replaced index must stay open longer than the longest request may take.
  const holder = createIndexHolder(indexFile, { vocabulary: loadVocabulary(DATA_PATHS.searchData), log, closeDelayMs: Math.max(120_000, 2 * config.requestTimeoutMs) });
  const index = holder.current();
  void index.search;
  const deps = createDocsServerDeps({
    getIndex: () => holder.current(),
    registry: loadImageRegistry(DATA_PATHS.imageRegistry),
    configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    version: readPackageVersion(),
  });
  const http = createDocsHttpServer({ deps, config, log });
  const address = await http.listen();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const { meta } = index.handle;
  log(
    `upsun-docs-mcp: serving MCP at ${url}/mcp (landing page ${url}/, health ${url}/healthz); index ${indexFile}, docs commit ${meta.docsCommit || 'unknown'} built ${meta.builtAt}, ${meta.pageCount} pages; ` +
      `rate limit ${config.rateLimitPerMinute > 0 ? `${config.rateLimitPerMinute}/min burst ${config.rateLimitBurst}` : 'off'}, trust proxy ${config.trustProxy}`,
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      log('upsun-docs-mcp: shutting down: no new connections, finishing requests in flight');
      await http.close(shutdownGraceMs);
      await deps.configChecker.close();
      holder.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(
        () => process.exit(0),
        (error: unknown) => {
          log(`upsun-docs-mcp: shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
    });
  }
  return { url, close };
}

function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
