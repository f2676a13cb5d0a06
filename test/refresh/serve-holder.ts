// An MCP server answering through an index holder, with a real client connected in memory.
import { readFileSync } from 'node:fs';
import { createIndexHolder, type IndexHolder, type IndexHolderOptions } from '../../src/docs/index-holder.js';
import { createDocsServerDeps } from '../../src/mcp/server-deps.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { CLIENT_KINDS, type Connected } from '../mcp/connect-clients.js';

export interface HeldServer {
  holder: IndexHolder;
  connected: Connected;
  /** What the holder logged (switches, skipped files). */
  logged: string[];
  close(): Promise<void>;
}

export async function serveThroughHolder(indexFile: string, options: Partial<IndexHolderOptions> = {}): Promise<HeldServer> {
  const logged: string[] = [];
  const holder = createIndexHolder(indexFile, { vocabulary: loadVocabulary(DATA_PATHS.searchData), log: (line) => logged.push(line), checkIntervalMs: 0, ...options });
  const deps = createDocsServerDeps({
    getIndex: () => holder.current(),
    registry: loadImageRegistry(DATA_PATHS.imageRegistry),
    configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    version: '0.0.0-test',
  });
  const connected = await CLIENT_KINDS[0]!.connectInMemory(deps);
  return {
    holder,
    connected,
    logged,
    close: async () => {
      await connected.close();
      holder.close();
    },
  };
}

/**
 * The docs commit the server says it answers from (the freshness resource). Read past the client's
 * response cache: the resource's cache hint (60 s) lets a 2026-era client reuse an earlier answer.
 */
export async function servedCommit(server: HeldServer): Promise<string> {
  const read = await server.connected.client.readResource({ uri: 'upsun-docs://index' }, { cacheMode: 'bypass' });
  return (JSON.parse((read.contents[0] as { text: string }).text) as { docs_commit: string }).docs_commit;
}

/** Paths of the search_docs results for a query. */
export async function searchPaths(server: HeldServer, query: string): Promise<string[]> {
  const result = await server.connected.client.callTool({ name: 'search_docs', arguments: { query, limit: 5 } });
  if (result.isError) throw new Error(`search_docs failed: ${JSON.stringify(result.content)}`);
  return (result.structuredContent as { results: Array<{ path: string }> }).results.map((hit) => hit.path);
}
