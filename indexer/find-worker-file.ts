import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../src/paths.js';

/**
 * A worker thread's JavaScript file, `name` beside the module at `besideUrl` when that runs compiled (tsc's
 * dist/indexer/..., or the bundled dist/cli/, where rolldown emits each worker as an entry of its own). From the
 * TypeScript sources (the tests), worker threads cannot load TypeScript, so they run tsc's build of the same
 * file (`builtPath` under dist/), which the tests' global setup keeps fresh.
 */
export function findWorkerFile(name: string, besideUrl: string, builtPath: string): URL {
  const beside = new URL(`./${name}`, besideUrl);
  if (existsSync(beside)) return beside;
  const built = join(PACKAGE_ROOT, builtPath);
  if (!existsSync(built)) throw new Error(`The worker ${built} does not exist: run \`npm run build\` first, or build with parseThreads: 0.`);
  return pathToFileURL(built);
}
