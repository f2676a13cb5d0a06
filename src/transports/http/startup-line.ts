import type { HttpConfig } from '../../config.js';

export interface StartupFacts {
  /** `http://host:port`, as bound. */
  url: string;
  indexFile: string;
  index: { docsCommit: string; builtAt: string; pageCount: number };
  config: HttpConfig;
  /** Worker processes serving (1: this process alone). */
  workers: number;
}

/**
 * The line `serve --http` prints once it serves: where to connect, what it serves, how it is limited.
 * Scripts and tests wait for "serving MCP at <url>/mcp" in it.
 */
export function describeStartup({ url, indexFile, index, config, workers }: StartupFacts): string {
  return (
    `upsun-docs-mcp: serving MCP at ${url}/mcp (landing page ${url}/, health ${url}/healthz); index ${indexFile}, docs commit ${index.docsCommit || 'unknown'} built ${index.builtAt}, ${index.pageCount} pages; ` +
    `rate limit ${config.rateLimitPerMinute > 0 ? `${config.rateLimitPerMinute}/min burst ${config.rateLimitBurst}` : 'off'}, trust proxy ${config.trustProxy}; ` +
    (workers > 1 ? `${workers} worker processes` : 'one process')
  );
}
