import { cpSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A docs tree with the Upsun pages copied `factor` times (copies under `replica-<n>/`), each copy's
 * words shuffled a little so that term statistics change as they would in a bigger real corpus.
 * Links inside copies still point at the originals, which exist, so the build does no extra work.
 */
export function replicateCorpus(snapshot: string, factor: number): string {
  const root = mkdtempSync(join(tmpdir(), 'upsun-docs-10x-'));
  cpSync(snapshot, root, { recursive: true });
  const content = join(root, 'sites/upsun/src');
  const originals = (readdirSync(content, { recursive: true }) as string[]).filter((p) => p.endsWith('.md') && !p.startsWith('registry'));
  for (let copy = 1; copy < factor; copy++) {
    for (const path of originals) {
      const text = readFileSync(join(content, path), 'utf8');
      const target = join(content, `replica-${copy}`, path);
      cpSync(join(content, path), target);
      writeFileSync(target, mutate(text, copy));
    }
  }
  return root;
}

/** Swap every n-th long word for a made-up one, so copies are not identical documents. */
function mutate(text: string, seed: number): string {
  let n = 0;
  return text.replace(/\b[a-z]{6,}\b/g, (word) => (++n % (5 + seed) === 0 ? `${word.slice(0, 3)}x${seed}${word.slice(3)}` : word));
}
