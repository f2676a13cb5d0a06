import { DOCS_FOR_KEY } from './docs-for-key.js';
import type { DocsRef, YamlPath } from './types.js';

export interface KeyDocs {
  /** The matching generic key, e.g. `applications.*.mounts`. */
  key: string;
  docs: DocsRef;
}

export interface KeyDocsFinder {
  /**
   * The most specific documented key that `path` is at or under: `applications.app.mounts.web/uploads.source`
   * → `applications.*.mounts`. Undefined above the documented keys.
   */
  findForPath(path: YamlPath): KeyDocs | undefined;
  /** The documented key that `path` is exactly (not merely under), if any. */
  findForExactPath(path: YamlPath): KeyDocs | undefined;
  /** Segments in the longest documented key; nothing deeper can match exactly. */
  maxDepth: number;
}

/**
 * Prepares lookups over a docs table (split once, since checks of large files look up thousands of paths).
 * Longest matching key wins; among equally long ones, the one with fewer `*` (a literal `web` beats a
 * worker called `web`). Table keys never contain dots inside a segment, so splitting on `.` is safe.
 */
export function createKeyDocsFinder(table: Readonly<Record<string, DocsRef>> = DOCS_FOR_KEY): KeyDocsFinder {
  const entries = Object.entries(table).map(([key, docs]) => {
    const pattern = key.split('.');
    return { key, docs, pattern, stars: pattern.filter((s) => s === '*').length };
  });
  const findBest = (path: YamlPath, exact: boolean): KeyDocs | undefined => {
    let best: (typeof entries)[number] | undefined;
    for (const entry of entries) {
      const { pattern } = entry;
      if (pattern.length > path.length || (exact && pattern.length !== path.length)) continue;
      if (!pattern.every((segment, i) => segment === '*' || segment === String(path[i]))) continue;
      if (
        !best ||
        pattern.length > best.pattern.length ||
        (pattern.length === best.pattern.length && entry.stars < best.stars)
      ) {
        best = entry;
      }
    }
    return best ? { key: best.key, docs: best.docs } : undefined;
  };
  return {
    findForPath: (path) => findBest(path, false),
    findForExactPath: (path) => findBest(path, true),
    maxDepth: Math.max(0, ...entries.map((e) => e.pattern.length)),
  };
}

/** One-off form of {@link KeyDocsFinder.findForPath} over {@link DOCS_FOR_KEY}. */
export function findDocsForPath(path: YamlPath): KeyDocs | undefined {
  return createKeyDocsFinder().findForPath(path);
}
