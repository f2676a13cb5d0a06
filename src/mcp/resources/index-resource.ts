import type { McpServer } from '@modelcontextprotocol/server';
import { readIndexStats } from '../../db/index-stats.js';
import { RESOURCE_SCHEME } from '../../docs/page-ref.js';
import type { DocsServerDeps } from '../server-deps.js';

/** What the server answers from: docs commit, build time and counts, so a model can say how fresh it is. */
export const INDEX_RESOURCE_URI = `${RESOURCE_SCHEME}://index`;

export const INDEX_RESOURCE_METADATA = {
  title: 'Docs index freshness',
  description: 'The docs commit and build time of the index this server answers from, with page, section and token counts per product.',
  mimeType: 'application/json',
  // Short: the index can be swapped under a running server.
  cacheHint: { ttlMs: 60_000, cacheScope: 'public' },
} as const;

export function registerIndexResource(server: McpServer, deps: DocsServerDeps): void {
  server.registerResource('docs-index', INDEX_RESOURCE_URI, INDEX_RESOURCE_METADATA, (uri) => {
    const stats = readIndexStats(deps.getIndex().handle);
    const freshness = {
      docs_commit: stats.meta.docsCommit || null,
      docs_source: stats.meta.docsSource,
      built_at: stats.meta.builtAt,
      schema_version: stats.meta.schemaVersion,
      server_version: deps.version,
      pages: stats.meta.pageCount,
      sections: stats.meta.sectionCount,
      products: stats.products,
    };
    return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(freshness, null, 2) }] };
  });
}
