import { existsSync } from 'node:fs';
import type { RuntimeConfig } from '../config.js';
import { IndexUnavailableError, openIndexIfReadable } from './open-index.js';

/**
 * The index a command reads: the one named (`--index`, `UPSUN_DOCS_INDEX`), else the newer of the index in
 * the user's data folder (written by `index` and `refresh`) and the one bundled in the package.
 *
 * "Newer" is the build time recorded in the index, not the file's mtime: npm stamps every packed file
 * 1985-10-26, so the bundled index would always look oldest. An index with fewer products loses whatever its
 * age (`index --product upsun` must not hide the bundled Platform.sh docs), and one this version cannot read
 * (another schema version, left by an older release) is passed over, so upgrading never breaks `serve`.
 */
export function chooseIndexFile(config: Pick<RuntimeConfig, 'indexFile' | 'userIndexFile' | 'bundledIndexFile'>, named?: string): string {
  const explicit = named ?? config.indexFile;
  if (explicit !== undefined) return explicit;
  const candidates = [config.userIndexFile, config.bundledIndexFile].filter((file) => existsSync(file));
  if (candidates.length === 0) {
    throw new IndexUnavailableError(
      `No index: neither ${config.userIndexFile} nor the bundled ${config.bundledIndexFile} exists. ` +
        `Build one with \`upsun-docs-mcp index\` (it writes ${config.userIndexFile}), or pass --index FILE.`,
    );
  }
  if (candidates.length === 1) return candidates[0]!;
  let best: { file: string; products: number; builtAt: string } | undefined;
  for (const file of candidates) {
    const handle = openIndexIfReadable(file);
    if (!handle) continue;
    const candidate = { file, products: handle.meta.products.length, builtAt: handle.meta.builtAt };
    handle.close();
    if (!best || candidate.products > best.products || (candidate.products === best.products && candidate.builtAt > best.builtAt)) best = candidate;
  }
  // None readable: the bundled one, whose open then fails with its path and the fix.
  return best?.file ?? config.bundledIndexFile;
}
