// The command line: one command per run, read from argv; started by bin/upsun-docs-mcp.ts.
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { readConfig, readHttpConfig, readWorkers } from '../src/config.js';
import { openIndex } from '../src/db/open-index.js';
import { createPageStore } from '../src/db/page-store.js';
import { readIndexStats } from '../src/db/index-stats.js';
import { readPage } from '../src/docs/read-page.js';
import { createSearchEngine } from '../src/search/search-engine.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { renderSearchResults } from '../src/search/render-results.js';
import { DATA_PATHS } from '../src/paths.js';
import { isProduct, type Product } from '../src/products.js';
import type { runIndexCommand as RunIndexCommand } from './commands/index-command.js';

const USAGE = `Usage: upsun-docs-mcp <command> [options]

Commands:
  index    Build the index: [--source DIR|GIT_URL] [--ref REF] [--product upsun|platformsh|all] [--out FILE]
  search   Search the docs: "QUERY" [--limit N] [--product P] [--section S] [--max-tokens N] [--json]
  read     Print a page or section as Markdown: PATH_OR_URL[#anchor] [--product P] [--json]
  stats    What the index holds: [--json]
  serve    Run the MCP server over stdio (for an IDE or assistant host)
           --http [--port N] [--host H]: serve Streamable HTTP at /mcp instead (default $PORT or 3000, $HOST or 127.0.0.1)
           [--workers N|auto]: server processes (default $UPSUN_DOCS_WORKERS or auto: one per usable CPU; 1: a single process)
  start    Build the index if it is missing, then run the MCP server over stdio
  refresh  Fetch the docs, rebuild, check and swap in the index: [--source GIT_URL|DIR] [--ref REF] [--product P|all] [--out FILE]
           (default source https://github.com/platformsh/platformsh-docs; the replaced index is kept as FILE.previous)
  rollback Swap FILE.previous back in (the index a refresh replaced)

Options for every command:
  --index FILE   the index file (default: $UPSUN_DOCS_INDEX or data/index.sqlite)
  --help         this text`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const print = (text: string) => process.stdout.write(`${text}\n`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      index: { type: 'string' },
      source: { type: 'string' },
      ref: { type: 'string' },
      product: { type: 'string' },
      out: { type: 'string' },
      limit: { type: 'string' },
      section: { type: 'string' },
      'max-tokens': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      http: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    print(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = readConfig(process.env);
  const indexFile = values.index ?? config.indexFile;
  const product = parseProductOption(values.product);

  switch (command) {
    case 'index': {
      const runIndexCommand = await loadIndexCommand();
      const report = await runIndexCommand(
        { ...(values.source && { source: values.source }), ...(values.ref && { ref: values.ref }), ...(values.product && { product: values.product }), out: values.out ?? indexFile, progress: process.stderr.isTTY === true },
        log,
      );
      return report.unresolvedShortcodes > 0 ? 1 : 0;
    }
    case 'search': {
      const query = rest.join(' ');
      if (!query.trim()) throw new UsageError('search needs a query: upsun-docs-mcp search "how do I add a mount"');
      const index = openIndex(indexFile);
      const engine = createSearchEngine({ index, vocabulary: loadVocabulary(DATA_PATHS.searchData) });
      const response = engine.search({
        query,
        ...(values.limit && { limit: parseNumber('--limit', values.limit) }),
        ...(product && { product }),
        ...(values.section && { section: values.section }),
        ...(values['max-tokens'] && { maxTokens: parseNumber('--max-tokens', values['max-tokens']) }),
      });
      print(values.json ? JSON.stringify(response, null, 2) : renderSearchResults(response));
      index.close();
      return 0;
    }
    case 'read': {
      const reference = rest[0];
      if (!reference) throw new UsageError('read needs a page: upsun-docs-mcp read create-apps/image-properties/mounts.md');
      const index = openIndex(indexFile);
      const result = readPage(createPageStore(index), { reference, ...(product && { product }), maxTokens: 20_000 });
      print(values.json ? JSON.stringify(result, null, 2) : result.markdown);
      index.close();
      return 0;
    }
    case 'serve':
    case 'start': {
      if (command === 'start' && !existsSync(indexFile)) {
        log(`No index at ${indexFile}; building it from the bundled docs snapshot.`);
        const runIndexCommand = await loadIndexCommand();
        await runIndexCommand({ product: 'all', out: indexFile, progress: false }, log);
      }
      if (values.http) {
        const http = readHttpConfig(process.env);
        const config = { ...http, ...(values.port !== undefined && { port: parseNumber('--port', values.port) }), ...(values.host !== undefined && { host: values.host }) };
        // Runs until SIGTERM/SIGINT, which finish the requests in flight and exit.
        // Each transport is loaded only by the command that serves it: start-up time is the stdio server's budget.
        if (cluster.isWorker) {
          // Forked by the primary below with this same command line: serve, charging the primary's rate-limit table.
          const [{ serveHttp }, { connectToPrimary, processChannel }] = await Promise.all([import('../src/transports/http/serve-http.js'), import('../src/transports/http/cluster/primary-link.js')]);
          try {
            await serveHttp({ indexFile, log, config, primary: connectToPrimary(cluster.worker!.id, processChannel()) });
          } catch (error) {
            // The open IPC channel would keep a worker that cannot serve alive; the primary reports its exit.
            log(`upsun-docs-mcp: worker ${cluster.worker!.id}: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          }
          return 0;
        }
        const requested = values.workers === undefined ? http.workers : readWorkers(values.workers, '--workers');
        const workers = requested === 'auto' ? (await import('../src/transports/http/cluster/count-usable-cpus.js')).countUsableCpus() : requested;
        if (workers > 1) {
          const { serveCluster } = await import('../src/transports/http/cluster/serve-cluster.js');
          await serveCluster({ workers, indexFile, config, log });
          return 0;
        }
        const { serveHttp } = await import('../src/transports/http/serve-http.js');
        await serveHttp({ indexFile, log, config });
        return 0;
      }
      // Runs until the host closes stdin; the exit code applies when it does.
      const { serveStdio } = await import('../src/transports/stdio.js');
      serveStdio({ indexFile, log });
      return 0;
    }
    case 'refresh': {
      const { runRefreshCommand } = await loadRefreshCommands();
      await runRefreshCommand(
        { ...(values.source && { source: values.source }), ...(values.ref && { ref: values.ref }), ...(values.product && { product: values.product }), out: values.out ?? indexFile },
        log,
      );
      return 0;
    }
    case 'rollback': {
      const { runRollbackCommand } = await loadRefreshCommands();
      runRollbackCommand({ index: values.out ?? indexFile }, log);
      return 0;
    }
    case 'stats': {
      const index = openIndex(indexFile);
      const stats = readIndexStats(index);
      index.close();
      print(values.json ? JSON.stringify(stats, null, 2) : renderStats(stats));
      return 0;
    }
    default:
      throw new UsageError(`Unknown command '${command}'.\n\n${USAGE}`);
  }
}

class UsageError extends Error {}

/**
 * The indexer (remark, the Hugo emulation) is imported only by the commands that build: importing it
 * costs about 200 ms, which `serve` must not spend before answering its host.
 */
async function loadIndexCommand(): Promise<typeof RunIndexCommand> {
  return (await import('./commands/index-command.js')).runIndexCommand;
}

/** Like loadIndexCommand: refresh imports the indexer. */
async function loadRefreshCommands(): Promise<typeof import('./commands/refresh-command.js')> {
  return import('./commands/refresh-command.js');
}

function parseProductOption(value: string | undefined): Product | undefined {
  if (value === undefined || value === 'all') return undefined;
  if (!isProduct(value)) throw new UsageError(`Unknown --product '${value}'. Use upsun or platformsh.`);
  return value;
}

function parseNumber(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`${name} takes a whole number, not '${value}'.`);
  return number;
}

function renderStats(stats: ReturnType<typeof readIndexStats>): string {
  const lines = [
    `Index: ${stats.file}`,
    `Docs commit: ${stats.meta.docsCommit || 'unknown'} (${stats.meta.docsSource})`,
    `Built: ${stats.meta.builtAt}; schema v${stats.meta.schemaVersion}; tokenizer ${stats.meta.tokenizer}`,
    ...stats.products.map((p) => `${p.product}: ${p.pages} pages, ${p.sections} sections, ~${p.tokens} tokens`),
  ];
  return lines.join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`upsun-docs-mcp: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
