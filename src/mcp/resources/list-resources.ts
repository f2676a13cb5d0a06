import { ProtocolError, ProtocolErrorCode, type McpServer, type Resource } from '@modelcontextprotocol/server';
import { toResourceUri } from '../../docs/page-ref.js';
import type { DocsServerDeps } from '../server-deps.js';
import { INDEX_RESOURCE_METADATA, INDEX_RESOURCE_URI } from './index-resource.js';

/** Resources per `resources/list` page. */
export const RESOURCES_PAGE_SIZE = 200;

interface ListCursor {
  /** Last page id of the previous list page. */
  after: number;
  /** Build time of the index the cursor was made on: ids mean nothing in another index. */
  built: string;
}

/**
 * A real cursor-paginated `resources/list`: the SDK's built-in handler returns every resource at once
 * and ignores `params.cursor` (MCP spec, "Pagination"). The index resource comes first, then pages by id.
 * Must be installed after the first `registerResource`, which installs the built-in handler it replaces.
 */
export function installPaginatedResourceList(server: McpServer, deps: DocsServerDeps): void {
  server.server.setRequestHandler('resources/list', (request) => {
    const index = deps.getIndex();
    const built = index.handle.meta.builtAt;
    const cursor = request.params?.cursor;
    const after = cursor === undefined ? 0 : decodeCursor(cursor, built);
    const pages = index.pages.listPages({ afterId: after, limit: RESOURCES_PAGE_SIZE + 1 });
    const shown = pages.slice(0, RESOURCES_PAGE_SIZE);
    const resources: Resource[] = shown.map((page) => ({
      uri: toResourceUri(page.product, page.path),
      name: page.path,
      title: page.title,
      ...(page.description && { description: page.description }),
      mimeType: 'text/markdown',
    }));
    if (cursor === undefined) {
      const { cacheHint: _cacheHint, ...metadata } = INDEX_RESOURCE_METADATA;
      resources.unshift({ uri: INDEX_RESOURCE_URI, name: 'index', ...metadata });
    }
    const last = shown.at(-1);
    const next = pages.length > RESOURCES_PAGE_SIZE && last ? encodeCursor({ after: last.id, built }) : undefined;
    return { resources, ...(next && { nextCursor: next }) };
  });
}

function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, built: string): number {
  let cursor: Partial<ListCursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString()) as Partial<ListCursor>;
  } catch (error) {
    // Not base64 JSON: reported below as an invalid cursor, the one condition handled here.
    if (!(error instanceof SyntaxError)) throw error;
  }
  if (!cursor || !Number.isInteger(cursor.after) || (cursor.after ?? -1) < 0) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid cursor: pass back the nextCursor of the previous resources/list result unchanged, or list again without a cursor.');
  }
  if (cursor.built !== built) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Stale cursor: the docs index was rebuilt since this list started. List again without a cursor.');
  }
  return cursor.after as number;
}
