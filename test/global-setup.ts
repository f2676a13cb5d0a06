// Runs once per `vitest run`, before any test file: builds the docs index that server tests read,
// and makes sure dist/ (the stdio entry the child-process tests spawn) is not older than the sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIndex } from '../indexer/build-index.js';
import { openLocalSource } from '../indexer/sources/local-source.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../src/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The index built from the bundled docs snapshot (both products) for this run. */
    indexFile: string;
    /** The built CLI entry, for tests that spawn the server as a child process. */
    cliEntry: string;
    /** Why the index could not be built, when it could not. */
    indexError?: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'upsun-docs-test-'));
  // UPSUN_DOCS_TEST_INDEX reuses an index built earlier (quick iterations on server code); the default is a fresh build.
  const indexFile = process.env.UPSUN_DOCS_TEST_INDEX || join(dir, 'index.sqlite');
  // dist/ first: the index build parses pages in worker threads, which run tsc's build of the chunk worker.
  const cliEntry = join(PACKAGE_ROOT, 'dist/cli/upsun-docs-mcp.js');
  if (isStale(cliEntry)) {
    // npm run build's steps, one by one. Any failure stops the run: the child-process tests would
    // otherwise spawn a dist/ built from older sources and pass or fail on code that is not the tree's.
    const steps = [
      [join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(PACKAGE_ROOT, 'tsconfig.build.json')],
      [join(PACKAGE_ROOT, 'dist/scripts/build/compile-vocabulary.js')],
      [join(PACKAGE_ROOT, 'node_modules/rolldown/bin/cli.mjs'), '-c', join(PACKAGE_ROOT, 'scripts/build/rolldown.config.mjs'), '--logLevel', 'warn'],
    ];
    for (const args of steps) {
      try {
        execFileSync(process.execPath, args, { stdio: 'inherit', cwd: PACKAGE_ROOT });
      } catch (error) {
        throw new Error(`Rebuilding dist/ failed at \`${args.map((arg) => (arg.startsWith(PACKAGE_ROOT) ? relative(PACKAGE_ROOT, arg) : arg)).join(' ')}\` (output above); fix it, or run \`npm run build\` to see why. No test ran against the old build.`, { cause: error });
      }
    }
  }
  if (!process.env.UPSUN_DOCS_TEST_INDEX) {
    const source = openLocalSource(DATA_PATHS.docsSnapshot);
    try {
      await buildIndex({ source, products: ['upsun', 'platformsh'], outFile: indexFile });
    } catch (error) {
      // Only the tests that read the index fail (through inject('indexError')); the rest of the suite still runs.
      project.provide('indexError', `The test index could not be built: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      source.dispose();
    }
  }
  project.provide('indexFile', indexFile);
  project.provide('cliEntry', cliEntry);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** dist/ is stale when any TypeScript source the CLI is built from is newer than the built entry. */
function isStale(entry: string): boolean {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((item) => {
      const path = join(dir, item.name);
      if (item.isDirectory()) return newer(path);
      return item.name.endsWith('.ts') && statSync(path).mtimeMs > built;
    });
  return ['src', 'bin', 'indexer'].some((dir) => newer(join(PACKAGE_ROOT, dir)));
}
