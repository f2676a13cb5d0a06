import { McpServer } from '@modelcontextprotocol/server';
import { guardIndexErrors } from './guard-index-errors.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { registerPrompts } from './prompts/index.js';
import { registerResources } from './resources/index.js';
import type { DocsServerDeps } from './server-deps.js';
import { registerTools } from './tools/index.js';

export const SERVER_NAME = 'upsun-docs-mcp';

/** Lists change only with a new server version; cacheable by anyone (2026-07-28 cache hints, SEP-2549). */
const LIST_CACHE = { ttlMs: 60 * 60 * 1000, cacheScope: 'public' } as const;

/**
 * The MCP server over already-opened deps. No I/O here: transports call it once per connection (stdio)
 * or per request (stateless HTTP), and for each protocol era.
 */
export function createDocsServer(deps: DocsServerDeps): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Upsun docs', version: deps.version },
    {
      instructions: SERVER_INSTRUCTIONS,
      cacheHints: {
        'tools/list': LIST_CACHE,
        'prompts/list': LIST_CACHE,
        'resources/templates/list': LIST_CACHE,
        // Shorter: the page list follows the index, which can be rebuilt under a running server.
        'resources/list': { ttlMs: 10 * 60 * 1000, cacheScope: 'public' },
        'server/discover': LIST_CACHE,
      },
    },
  );
  guardIndexErrors(server);
  registerTools(server, deps);
  registerResources(server, deps);
  registerPrompts(server, deps);
  return server;
}
