import type Database from 'better-sqlite3';
import type { Product } from '../products.js';
import type { ErrorEntry } from './error-catalogue.js';
import type { RankedList } from './fuse-rankings.js';
import type { RowRange } from './row-ranges.js';

/**
 * The sections the error catalogue names for a query's messages, as a ranked list to fuse with the
 * others: the first entry's first page first. A `path#anchor` the index lacks (a page renamed since the
 * catalogue was written) is skipped; test/search/error-catalogue.test.ts keeps the shipped catalogue
 * pointing at sections that exist.
 */
export function createErrorSections(db: Database.Database): (entries: readonly ErrorEntry[], product: Product, range: RowRange, weight: number) => RankedList {
  const lookup = db.prepare('SELECT s.id FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.product = ? AND p.path = ? AND s.anchor = ?').pluck();
  // A bare path stands for the page's first section (its intro, or its first heading when it has none).
  const first = db.prepare('SELECT min(s.id) FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.product = ? AND p.path = ?').pluck();
  const cache = new Map<string, number | undefined>();
  const sectionId = (product: Product, target: string): number | undefined => {
    const key = `${product}:${target}`;
    if (!cache.has(key)) {
      const [path = '', anchor] = target.split('#');
      cache.set(key, ((anchor ? lookup.get(product, path, anchor) : first.get(product, path)) as number | null | undefined) ?? undefined);
    }
    return cache.get(key);
  };
  return (entries, product, range, weight) => {
    const ids: number[] = [];
    for (const entry of entries) {
      for (const target of entry.pages) {
        const id = sectionId(product, target);
        if (id !== undefined && id >= range.lo && id <= range.hi && !ids.includes(id)) ids.push(id);
      }
    }
    // Best first, each next one a step lower: the catalogue orders its pages by how directly they fix it.
    return { ids, scores: ids.map((_, i) => 1 / (i + 1)), weight };
  };
}
