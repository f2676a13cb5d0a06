import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStdio as serveMcpStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { LoadedIndex } from '../docs/loaded-index.js';
import { openIndex } from '../db/open-index.js';
import { createPageStore } from '../db/page-store.js';
import { createDocsServer } from '../mcp/create-server.js';
import { createDocsServerDeps } from '../mcp/server-deps.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../paths.js';
import { loadImageRegistry } from '../registry/image-registry.js';
import { createSearchEngine, type SearchEngine } from '../search/search-engine.js';
import { loadVocabulary } from '../search/vocabulary.js';

export interface ServeStdioOptions {
  /** The index file, opened read-only (throws IndexUnavailableError with the fix when missing or stale). */
  indexFile: string;
  /** Where log lines go: stderr. stdout carries the protocol and nothing else. */
  log: (line: string) => void;
}

export interface StdioServer {
  /** Close the connection and the index; the process exits once stdin is closed. */
  close(): Promise<void>;
}

/**
 * Serve the docs over stdio. The index is opened before the first message is read, so a missing or
 * outdated index fails at start with the command that fixes it. Several processes (one per IDE window)
 * can serve the same file: it is opened read-only and replaced by rename, never rewritten in place.
 */
export function serveStdio({ indexFile, log }: ServeStdioOptions): StdioServer {
  const index = openIndexForServing(indexFile);
  const deps = createDocsServerDeps({
    getIndex: () => index,
    registry: loadImageRegistry(DATA_PATHS.imageRegistry),
    configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    version: readPackageVersion(),
  });

  const transport = new StdioServerTransport();
  // Load the search engine once the first reply is out, while the host reads it and sends its next
  // requests, instead of before answering `initialize` (see openIndexForServing).
  const send = transport.send.bind(transport);
  let warmed = false;
  transport.send = async (message) => {
    await send(message);
    if (!warmed) {
      warmed = true;
      setImmediate(() => {
        try {
          void index.search;
        } catch (error) {
          // Reported here for the operator; the same error reaches the model on its first search_docs call.
          log(`upsun-docs-mcp: cannot load the search engine: ${(error as Error).message}`);
        }
      });
    }
  };

  const connection = serveMcpStdio(() => createDocsServer(deps), {
    transport,
    onerror: (error) => log(`upsun-docs-mcp: ${error.message}`),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await connection.close();
    index.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().finally(() => process.exit(0));
    });
  }
  // The transport closes itself when the host closes stdin; release the index with it.
  process.stdin.once('end', () => void close());
  return { close };
}

/**
 * A LoadedIndex whose search engine is built on first use. Opening the file and reading its meta takes a
 * few milliseconds; the engine's typo index takes most of a start-up budget, and a `server/discover`
 * probe process (spawned by 2026-era clients) or a session that only reads pages never needs it.
 */
function openIndexForServing(file: string): LoadedIndex {
  const handle = openIndex(file);
  const vocabulary = loadVocabulary(DATA_PATHS.searchData);
  let engine: SearchEngine | undefined;
  return {
    handle,
    pages: createPageStore(handle),
    get search() {
      engine ??= createSearchEngine({ index: handle, vocabulary });
      return engine;
    },
    close: () => handle.close(),
  };
}

function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
