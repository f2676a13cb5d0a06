import type { IndexHandle, IndexMeta } from './open-index.js';

export interface IndexStats {
  file: string;
  meta: IndexMeta;
  products: Array<{ product: string; pages: number; sections: number; tokens: number }>;
  sections: Array<{ product: string; section: string; pages: number }>;
}

/** What an index holds, for `stats` and the freshness resource. */
export function readIndexStats({ db, meta, file }: IndexHandle): IndexStats {
  const products = db
    .prepare(
      `SELECT p.product, count(DISTINCT p.id) AS pages, count(s.id) AS sections, (SELECT sum(tokens) FROM pages WHERE product = p.product) AS tokens
       FROM pages p LEFT JOIN sections s ON s.page_id = p.id GROUP BY p.product ORDER BY p.product`,
    )
    .all() as IndexStats['products'];
  const sections = db
    .prepare('SELECT product, section, count(*) AS pages FROM pages GROUP BY product, section ORDER BY product, pages DESC, section')
    .all() as IndexStats['sections'];
  return { file, meta, products, sections };
}
