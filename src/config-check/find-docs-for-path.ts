import { DOCS_FOR_KEY } from './docs-for-key.js';
import type { DocsRef, YamlPath } from './types.js';

export interface KeyDocs {
  /** The matching generic key, e.g. `applications.*.mounts`. */
  key: string;
  docs: DocsRef;
}

/**
 * The most specific documented key that `path` is at or under: `applications.app.mounts.web/uploads.source`
 * → `applications.*.mounts`. Undefined above the documented keys.
 */
export function findDocsForPath(path: YamlPath, table: Readonly<Record<string, DocsRef>> = DOCS_FOR_KEY): KeyDocs | undefined {
  return findBest(path, table, false);
}

/** The documented key that `path` is exactly (not merely under), if any. */
export function findDocsForExactPath(
  path: YamlPath,
  table: Readonly<Record<string, DocsRef>> = DOCS_FOR_KEY,
): KeyDocs | undefined {
  return findBest(path, table, true);
}

/**
 * Longest matching key wins; among equally long ones, the one with fewer `*` (a literal `web` beats a
 * worker called `web`). Table keys never contain dots inside a segment, so splitting on `.` is safe.
 */
function findBest(path: YamlPath, table: Readonly<Record<string, DocsRef>>, exact: boolean): KeyDocs | undefined {
  let best: { key: string; docs: DocsRef; length: number; stars: number } | undefined;
  for (const [key, docs] of Object.entries(table)) {
    const pattern = key.split('.');
    if (pattern.length > path.length || (exact && pattern.length !== path.length)) continue;
    if (!pattern.every((segment, i) => segment === '*' || segment === String(path[i]))) continue;
    const stars = pattern.filter((s) => s === '*').length;
    if (!best || pattern.length > best.length || (pattern.length === best.length && stars < best.stars)) {
      best = { key, docs, length: pattern.length, stars };
    }
  }
  return best ? { key: best.key, docs: best.docs } : undefined;
}
