// Real MCP clients of both protocol eras connected to the docs server, in memory or over stdio.
import { readFileSync } from 'node:fs';
import { Client, InMemoryTransport, type ListResourcesResult } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport as LegacyInMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { inject } from 'vitest';
import { loadIndex, type LoadedIndex } from '../../src/docs/loaded-index.js';
import { createDocsServer } from '../../src/mcp/create-server.js';
import { createDocsServerDeps, type DocsServerDeps, type DocsServerDepsOptions } from '../../src/mcp/server-deps.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

/** The 2.x client's API; the 1.x client has the same methods with structurally equal results. */
export type TestClient = Pick<
  Client,
  'listTools' | 'callTool' | 'listResources' | 'listResourceTemplates' | 'readResource' | 'complete' | 'listPrompts' | 'getPrompt' | 'getInstructions'
>;

export interface Connected {
  client: TestClient;
  /** The protocol revision the client and server agreed on. */
  protocolVersion: string | undefined;
  /**
   * The first `resources/list` page alone, as a client walking the cursor itself gets it: the 2.x client's
   * listResources() without a cursor walks every page, so it sends the request as is.
   */
  listFirstResourcesPage(): Promise<ListResourcesResult>;
  close(): Promise<void>;
}

export interface ClientKind {
  /** For test names: which client, which era. */
  name: string;
  connectInMemory(deps: DocsServerDeps): Promise<Connected>;
  /** `env` replaces the child's environment (default: the SDK's safe subset of ours); `cwd` is where it starts. */
  connectStdio(command: string, args: string[], options?: { env?: Record<string, string>; cwd?: string }): Promise<Connected>;
}

/** Deps over the run's shared test index (built once in test/global-setup.ts), or over `indexFile`. */
export function openTestDeps(options: { indexFile?: string; configCheck?: DocsServerDepsOptions['configCheck'] } = {}): { deps: DocsServerDeps; index: LoadedIndex } {
  const buildError = inject('indexError');
  if (buildError) throw new Error(buildError);
  const index = loadIndex(options.indexFile ?? inject('indexFile'), loadVocabulary(DATA_PATHS.searchData));
  const deps = createDocsServerDeps({
    ...(options.configCheck && { configCheck: options.configCheck }),
    getIndex: () => index,
    registry: loadImageRegistry(DATA_PATHS.imageRegistry),
    configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    version: '0.0.0-test',
  });
  return { deps, index };
}

const clientInfo = { name: 'upsun-docs-mcp-tests', version: '1.0.0' };

/** 2.x client in `auto` mode: probes server/discover and speaks 2026-07-28. */
const modernClient: ClientKind = {
  name: '2.x client, 2026-07-28',
  async connectInMemory(deps) {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    // serveStdio owns the era decision for any transport, which is how a 2026-era client is served in memory.
    const served = serveStdio(() => createDocsServer(deps), { transport: serverSide });
    const client = new Client(clientInfo, { versionNegotiation: { mode: 'auto' } });
    await client.connect(clientSide);
    return {
      client,
      protocolVersion: client.getNegotiatedProtocolVersion(),
      listFirstResourcesPage: () => client.request({ method: 'resources/list', params: {} }),
      close: async () => (await client.close(), await served.close()),
    };
  },
  async connectStdio(command, args, options = {}) {
    const client = new Client(clientInfo, { versionNegotiation: { mode: 'auto' } });
    await client.connect(new StdioClientTransport({ command, args, stderr: 'pipe', ...(options.env && { env: options.env }), ...(options.cwd && { cwd: options.cwd }) }));
    return {
      client,
      protocolVersion: client.getNegotiatedProtocolVersion(),
      listFirstResourcesPage: () => client.request({ method: 'resources/list', params: {} }),
      close: () => client.close(),
    };
  },
};

/** The 1.x SDK client: initialize handshake, 2025-11-25. */
const legacyClient: ClientKind = {
  name: '1.x client, 2025-11-25',
  async connectInMemory(deps) {
    const [clientSide, serverSide] = LegacyInMemoryTransport.createLinkedPair();
    const served = serveStdio(() => createDocsServer(deps), { transport: serverSide });
    const client = new LegacyClient(clientInfo);
    const negotiated = recordProtocolVersion(clientSide);
    await client.connect(clientSide);
    // The cast: the 1.x Client has the same methods, typed by the 1.x package.
    return {
      client: client as unknown as TestClient,
      protocolVersion: negotiated(),
      listFirstResourcesPage: () => client.listResources({}) as Promise<ListResourcesResult>,
      close: async () => (await client.close(), await served.close()),
    };
  },
  async connectStdio(command, args, options = {}) {
    const transport = new LegacyStdioClientTransport({ command, args, stderr: 'pipe', ...(options.env && { env: options.env }), ...(options.cwd && { cwd: options.cwd }) });
    const client = new LegacyClient(clientInfo);
    const negotiated = recordProtocolVersion(transport);
    await client.connect(transport);
    return {
      client: client as unknown as TestClient,
      protocolVersion: negotiated(),
      listFirstResourcesPage: () => client.listResources({}) as Promise<ListResourcesResult>,
      close: () => client.close(),
    };
  },
};

/** The 1.x client hands the negotiated version to `transport.setProtocolVersion` when the transport has one. */
function recordProtocolVersion(transport: object): () => string | undefined {
  let version: string | undefined;
  Object.assign(transport, { setProtocolVersion: (value: string) => (version = value) });
  return () => version;
}

export const CLIENT_KINDS: readonly ClientKind[] = [modernClient, legacyClient];

/** The text of the first content block of a tool result. */
export function firstText(result: { content?: unknown }): string {
  const block = (result.content as Array<{ type: string; text?: string }> | undefined)?.[0];
  return block?.type === 'text' ? (block.text ?? '') : '';
}
