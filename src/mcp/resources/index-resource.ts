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
      docs_source: describeDocsSource(stats.meta.docsSource),
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

/**
 * Where the docs came from, without the server's file system: a repository URL as it is (without any user
 * or password in it), a local folder by its last name only.
 */
export function describeDocsSource(source: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    try {
      const url = new URL(source);
      return `${url.protocol}//${url.host}${url.pathname}`;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return 'a git repository';
    }
  }
  if (/^[\w.-]+@[\w.-]+:/.test(source)) return source; // scp-like git address: a host and a repository
  const name = source.split(/[\\/]/).filter(Boolean).at(-1);
  return name ? `a local folder named ${name}` : 'a local folder';
}
