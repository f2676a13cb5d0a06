import { readFileSync } from 'node:fs';
import { serveStdio as serveMcpStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { createIndexHolder } from '../docs/index-holder.js';
import { createDocsServer } from '../mcp/create-server.js';
import { createDocsServerDeps } from '../mcp/server-deps.js';
import { readPackageVersion } from '../package-version.js';
import { DATA_PATHS } from '../paths.js';
import { deferImageRegistry } from '../registry/defer-image-registry.js';
import { loadImageRegistry } from '../registry/image-registry.js';
import { loadVocabulary } from '../search/vocabulary.js';

export interface ServeStdioOptions {
  /**
   * The index file, opened read-only (throws IndexUnavailableError with the fix when missing or stale).
   * When `refresh` or `index` replaces it, the server switches to the new one between requests.
   */
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
  const holder = createIndexHolder(indexFile, { vocabulary: loadVocabulary(DATA_PATHS.searchData), log });
  const deps = createDocsServerDeps({
    getIndex: () => holder.current(),
    registry: deferImageRegistry(() => loadImageRegistry(DATA_PATHS.imageRegistry)),
    configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    version: readPackageVersion(),
  });

  const transport = new StdioServerTransport();
  // Load the search engine once the first reply is out, while the host reads it and sends its next
  // requests, instead of before answering `initialize` (see loadIndex).
  const send = transport.send.bind(transport);
  let warmed = false;
  transport.send = async (message) => {
    await send(message);
    if (!warmed) {
      warmed = true;
      setImmediate(() => {
        // The host may have left since the reply went out (a probe that only initializes): nothing to warm.
        if (closed) return;
        try {
          void holder.current().search;
        } catch (error) {
          // Reported here for the operator; the same error reaches the model on its first search_docs call.
          log(`upsun-docs-mcp: cannot load the search engine: ${(error as Error).message}`);
        }
      });
    }
  };

  const connection = serveMcpStdio(() => createDocsServer(deps), {
    transport,
    onerror: (error) => {
      // EPIPE: the host closed our stdout (it quit or crashed mid-call). Leaving is its right, not our error;
      // the transport closes itself and the process exits 0 once stdin ends too.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
      log(`upsun-docs-mcp: ${error.message}`);
    },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await connection.close();
    await deps.configChecker.close();
    holder.close();
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
