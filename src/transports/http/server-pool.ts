import type { McpServer } from '@modelcontextprotocol/server';
import type { LoadedIndex } from '../../docs/loaded-index.js';
import { createDocsServer } from '../../mcp/create-server.js';
import type { DocsServerDeps } from '../../mcp/server-deps.js';

export interface ServerPool {
  /**
   * A server instance for one stateless request, reading the index current now for all of that request
   * (a swap mid-request cannot mix two indexes). It comes back to the pool by itself when the SDK closes
   * the request's transport; one the SDK never connects (a refused request) is simply dropped.
   */
  take(): McpServer;
}

/**
 * Server instances reused one request at a time, instead of one built per request. Building one registers
 * every tool, resource and prompt (0.13-0.26 ms of CPU and its garbage, a tenth of a search_docs call; an
 * idle one holds about 24 KB); the SDK allows reuse once an instance no longer serves (`createMcpHandler` checks
 * `server.transport === undefined`, and the transport's close resets every per-exchange table in the
 * instance). What a request leaves behind is what every modern request sets again before it is served:
 * the negotiated revision, the `server/discover` handler, the client identity from its `_meta` envelope
 * (a notification carries none and reads none).
 * The same holds for 2025 requests on the stateless legacy transport, but for `initialize`, which records the
 * client in the instance: that one gets a fresh instance (mcp-endpoint.ts, legacyKeepsState). One pool per
 * era, so that an instance only ever serves one era.
 */
export function createServerPool(deps: DocsServerDeps, { maxIdle }: { maxIdle: number }): ServerPool {
  const idle: PooledServer[] = [];

  const build = (): PooledServer => {
    let pinned: LoadedIndex | undefined;
    const server = createDocsServer({ ...deps, getIndex: () => pinned ?? deps.getIndex() });
    const entry: PooledServer = { server, out: false, pin: (index) => (pinned = index) };
    // The SDK wraps this for the exchange and calls it once the transport has closed (Protocol._onclose),
    // after which the instance no longer serves. `out` makes a second close (none is known) return it once.
    // Past maxIdle (more requests at once than the concurrency limit lets through) it is left to the GC.
    server.server.onclose = () => {
      if (!entry.out) return;
      entry.out = false;
      // Idle, it holds no index: one replaced by a refresh can be freed even if no request comes for a while.
      entry.pin(undefined);
      if (idle.length < maxIdle) idle.push(entry);
    };
    return entry;
  };

  return {
    take() {
      const entry = idle.pop() ?? build();
      entry.pin(deps.getIndex());
      entry.out = true;
      return entry.server;
    },
  };
}

interface PooledServer {
  server: McpServer;
  /** Handed to a request and not yet closed. */
  out: boolean;
  /** Point the instance's reads at the index a new request starts with (undefined: idle). */
  pin(index: LoadedIndex | undefined): void;
}
