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
  return { ...readRanges(db, 's.id', 'sections s JOIN pages p ON p.id = s.page_id'), pages: readRanges(db, 'p.id', 'pages p') };
}

export interface RowRanges {
  /** Section rowids by product, and by product and docs section. */
  products: Map<string, RowRange>;
  sections: Map<string, RowRange>;
  /** The same for page rowids. */
  pages: { products: Map<string, RowRange>; sections: Map<string, RowRange> };
}

function readRanges(db: Database.Database, id: string, from: string): { products: Map<string, RowRange>; sections: Map<string, RowRange> } {
  const rows = db
    .prepare(
      `SELECT p.product, p.section, min(${id}) AS lo, max(${id}) AS hi, count(*) AS n FROM ${from} GROUP BY p.product, p.section`,
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

export function sectionKey(product: string, section: string): string {
  return `${product}\u0000${section}`;
}
