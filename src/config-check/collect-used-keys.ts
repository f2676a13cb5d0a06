import { DOCS_FOR_KEY } from './docs-for-key.js';
import { createKeyDocsFinder } from './find-docs-for-path.js';
import type { DocsRef, UsedKey } from './types.js';

/**
 * Every documented key the config uses, once each, in the order first met. The walk stops at the depth
 * of the deepest documented key, so its cost doesn't grow with the size of scripts or variables.
 */
export function collectUsedKeys(data: unknown, table: Readonly<Record<string, DocsRef>> = DOCS_FOR_KEY): UsedKey[] {
  const finder = createKeyDocsFinder(table);
  const { maxDepth } = finder;
  const used = new Map<string, DocsRef>();
  const walk = (value: unknown, path: string[]) => {
    if (path.length > 0) {
      const found = finder.findForExactPath(path);
      if (found && !used.has(found.key)) used.set(found.key, found.docs);
    }
    if (path.length >= maxDepth || typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
  };
  walk(data, []);
  return [...used].map(([key, docs]) => ({ key, docs }));
}
