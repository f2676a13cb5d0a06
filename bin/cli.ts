// The command line: one command per run, parsed by bin/command-line.ts (commands, options, help texts);
// started by bin/upsun-docs-mcp.ts. Exit codes: 0 done, 1 failed, 2 the command line was wrong.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { readConfig, readHttpConfig, readWorkers, type RuntimeConfig } from '../src/config.js';
import { chooseIndexFile } from '../src/db/choose-index.js';
import { openIndex } from '../src/db/open-index.js';
import { createPageStore } from '../src/db/page-store.js';
import { readIndexStats } from '../src/db/index-stats.js';
import { readPage } from '../src/docs/read-page.js';
import { readPackageVersion } from '../src/package-version.js';
import { createSearchEngine } from '../src/search/search-engine.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { renderSearchResults } from '../src/search/render-results.js';
import { DATA_PATHS } from '../src/paths.js';
import { isProduct, type Product } from '../src/products.js';
import { parseCommandLine, UsageError } from './command-line.js';
import type { runIndexCommand as RunIndexCommand } from './commands/index-command.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const print = (text: string) => process.stdout.write(`${text}\n`);

/** The options of every command, as parseCommandLine returns them (each command accepts only its own, see COMMANDS). */
interface CommandValues {
  index?: string;
  out?: string;
  source?: string;
  ref?: string;
  product?: string;
  limit?: string;
  section?: string;
  'max-tokens'?: string;
  port?: string;
  host?: string;
  http?: boolean;
  json?: boolean;
  verbose?: boolean;
  workers?: string;
}

async function main(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv, { stdinIsTerminal: process.stdin.isTTY === true });
  if (line.kind === 'help') {
    print(line.text);
    return 0;
  }
  if (line.kind === 'version') {
    print(readPackageVersion());
    return 0;
  }
  const { command, operands } = line;
  const values = line.values as CommandValues;
  const config = readConfig(process.env);
  const product = parseProductOption(values.product);
  /** The index to read: named, else the newer of the user's and the bundled one. */
  const readIndexFile = () => chooseIndexFile(config, values.index);
  /** The index to write: named, else the one in the user's data folder (never the bundled one). */
  const writeIndexFile = values.out ?? values.index ?? config.indexFile ?? config.userIndexFile;

  switch (command) {
    case 'index': {
      const runIndexCommand = await loadIndexCommand();
      const report = await runIndexCommand(
        {
          ...(values.source && { source: values.source }),
          ...(values.ref && { ref: values.ref }),
          product: values.product ?? 'all',
          out: writeIndexFile,
          progress: process.stderr.isTTY === true,
          verbose: values.verbose === true,
        },
        log,
      );
      return report.unresolvedShortcodes > 0 ? 1 : 0;
    }
    case 'search': {
      const query = operands.join(' ');
      if (!query.trim()) throw new UsageError('search needs a query: upsun-docs-mcp search "how do I add a mount"');
      const index = openIndex(readIndexFile());
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
      const reference = operands[0];
      if (!reference) throw new UsageError('read needs a page: upsun-docs-mcp read create-apps/image-properties/mounts.md');
      const index = openIndex(readIndexFile());
      const result = readPage(createPageStore(index), { reference, ...(product && { product }), maxTokens: 20_000 });
      print(values.json ? JSON.stringify(result, null, 2) : result.markdown);
      index.close();
      return 0;
    }
    case 'serve':
    case 'start': {
      const indexFile = command === 'start' ? await ensureIndex(config, values.index, writeIndexFile) : readIndexFile();
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
      // A person who runs `serve` in a terminal sees it wait silently for MCP messages: say what it is for.
      if (process.stdin.isTTY) log(TERMINAL_NOTICE);
      // Runs until the host closes stdin; the exit code applies when it does.
      const { serveStdio } = await import('../src/transports/stdio.js');
      serveStdio({ indexFile, log });
      return 0;
    }
    case 'refresh': {
      const { runRefreshCommand } = await loadRefreshCommands();
      await runRefreshCommand(
        { ...(values.source && { source: values.source }), ...(values.ref && { ref: values.ref }), ...(values.product && { product: values.product }), out: writeIndexFile },
        log,
      );
      return 0;
    }
    case 'rollback': {
      const { runRollbackCommand } = await loadRefreshCommands();
      runRollbackCommand({ index: writeIndexFile }, log);
      return 0;
    }
    case 'stats': {
      const index = openIndex(readIndexFile());
      const stats = readIndexStats(index);
      index.close();
      print(values.json ? JSON.stringify(stats, null, 2) : renderStats(stats));
      return 0;
    }
    default:
      // parseCommandLine knows every command: reaching here is a command added to its table but not here.
      throw new Error(`The command '${command}' has no implementation.`);
  }
}

const TERMINAL_NOTICE = [
  'upsun-docs-mcp serve speaks MCP on stdio: an MCP client (Claude Code, Cursor, VS Code, …) starts it and talks over stdin/stdout.',
  'Add it to one:   claude mcp add upsun-docs -- npx -y upsun-docs-mcp serve',
  'Try it by hand:  npx @modelcontextprotocol/inspector@0.15.0 npx -y upsun-docs-mcp serve',
  'Or search here:  upsun-docs-mcp search "add a mount for uploads"   (Ctrl+C stops this server)',
].join('\n');

/** For `start`: the index to serve, built into `writeIndexFile` first when there is none to read. */
async function ensureIndex(config: RuntimeConfig, named: string | undefined, writeIndexFile: string): Promise<string> {
  const explicit = named ?? config.indexFile;
  if (explicit !== undefined ? existsSync(explicit) : existsSync(config.userIndexFile) || existsSync(config.bundledIndexFile)) {
    return chooseIndexFile(config, named);
  }
  log(`No index yet; building ${writeIndexFile} from the bundled docs snapshot.`);
  const runIndexCommand = await loadIndexCommand();
  await runIndexCommand({ product: 'all', out: writeIndexFile, progress: false, verbose: false }, log);
  return writeIndexFile;
}

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
