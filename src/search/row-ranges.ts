import type Database from 'better-sqlite3';

/** A contiguous range of section rowids. */
export interface RowRange {
  lo: number;
  hi: number;
}

/**
 * The rowid range of each product and of each (product, docs section), read once from an index.
 * The writer stores rows in (product, section, path) order, so a filter is a rowid range that FTS5
 * evaluates inside its doclists; a range that is not contiguous (an index written otherwise) is
 * left out and the caller falls back to the column filter.
 */
export function readRowRanges(db: Database.Database): RowRanges {
  const rows = db
    .prepare(
      `SELECT p.product, p.section, min(s.id) AS lo, max(s.id) AS hi, count(*) AS n
       FROM sections s JOIN pages p ON p.id = s.page_id GROUP BY p.product, p.section`,
    )
    .all() as Array<{ product: string; section: string; lo: number; hi: number; n: number }>;
  const sections = new Map<string, RowRange>();
  const perProduct = new Map<string, { lo: number; hi: number; n: number }>();
  for (const row of rows) {
    if (row.hi - row.lo + 1 === row.n) sections.set(sectionKey(row.product, row.section), { lo: row.lo, hi: row.hi });
    const total = perProduct.get(row.product) ?? { lo: Number.POSITIVE_INFINITY, hi: 0, n: 0 };
    perProduct.set(row.product, { lo: Math.min(total.lo, row.lo), hi: Math.max(total.hi, row.hi), n: total.n + row.n });
  }
  const products = new Map<string, RowRange>();
  for (const [product, { lo, hi, n }] of perProduct) if (hi - lo + 1 === n) products.set(product, { lo, hi });
  return { products, sections };
}

/** Section rowid ranges by product, and by product and docs section. */
export interface RowRanges {
  products: Map<string, RowRange>;
  sections: Map<string, RowRange>;
}

export function sectionKey(product: string, section: string): string {
  return `${product}\u0000${section}`;
}
