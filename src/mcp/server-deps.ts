import type { LoadedIndex } from '../docs/loaded-index.js';
import type { ImageRegistry } from '../registry/image-registry.js';
import { createConfigCheckPool, type AsyncConfigChecker } from '../sandbox/config-check-pool.js';
import { createPageCompleter, type PageCompleter } from './resources/page-completer.js';

/**
 * What the MCP server reads from. Everything here is opened by the entry point (stdio, HTTP, a test)
 * once per process; `createDocsServer` only wires it to handlers, so it can run per connection or per
 * request without I/O.
 */
export interface DocsServerDeps {
  /**
   * The index to answer from. Called on every request, never cached by a handler: a newer index may
   * replace the current one while the server runs.
   */
  getIndex(): LoadedIndex;
  /** Runtime and service images with their version statuses. */
  registry: ImageRegistry;
  /** Checks `.upsun/config.yaml` texts against the schema and the registry, off the caller's thread, within a budget. */
  configChecker: AsyncConfigChecker;
  /** Page-path completion; shared across server instances so its MiniSearch is built once per index. */
  completer: PageCompleter;
  /** Reported as the server's version in `serverInfo`. */
  version: string;
}

export interface DocsServerDepsOptions {
  getIndex(): LoadedIndex;
  registry: ImageRegistry;
  /** The parsed `.upsun/config.yaml` JSON Schema (`DATA_PATHS.configSchema`). */
  configSchema: unknown;
  /** How config checks run (default: the worker pool's defaults, see createConfigCheckPool). */
  configCheck?: { timeoutMs?: number; maxHeapMb?: number; threads?: number };
  version: string;
}

/**
 * The deps with the process-wide helpers built. Config checks run on worker threads that start on the first
 * check, not here: a thread and the schema's compilation cost more than a whole stdio start-up is allowed to
 * take, and most sessions never check a config.
 */
export function createDocsServerDeps(options: DocsServerDepsOptions): DocsServerDeps {
  return {
    getIndex: options.getIndex,
    registry: options.registry,
    configChecker: createConfigCheckPool({ schema: options.configSchema, ...options.configCheck }),
    completer: createPageCompleter(),
    version: options.version,
  };
}
