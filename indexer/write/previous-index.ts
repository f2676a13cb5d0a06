import { openIndexIfReadable } from '../../src/db/open-index.js';
import type { Product } from '../../src/products.js';
import type { IndexedPage, Section } from '../types.js';

interface PageRow {
  id: number; path: string; url: string; md_url: string; title: string; description: string; sidebar_title: string | null;
  keywords: string; weight: number | null; section: string; parent_path: string | null; markdown: string; tokens: number; content_hash: string;
}
interface SectionRow {
  page_id: number; ordinal: number; anchor: string; level: number; heading: string; heading_path: string; markdown: string; prose: string; code: string; tokens: number;
}

/**
 * The pages of an existing index, by path, so a rebuild can reuse the ones whose content hash has
 * not changed. An index that is missing or of another schema version simply offers nothing.
 */
export function readPreviousPages(file: string, product: Product): Map<string, IndexedPage> {
  const handle = openIndexIfReadable(file);
  if (!handle) return new Map();
  try {
    const pages = handle.db.prepare('SELECT * FROM pages WHERE product = ?').all(product) as PageRow[];
    const sections = handle.db
      .prepare('SELECT s.* FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.product = ? ORDER BY s.page_id, s.ordinal')
      .all(product) as SectionRow[];
    const sectionsByPage = new Map<number, Section[]>();
    for (const row of sections) {
      const list = sectionsByPage.get(row.page_id) ?? [];
      list.push({
        ordinal: row.ordinal, anchor: row.anchor, level: row.level, heading: row.heading,
        headingPath: JSON.parse(row.heading_path) as string[], markdown: row.markdown, prose: row.prose, code: row.code, tokens: row.tokens,
      });
      sectionsByPage.set(row.page_id, list);
    }
    return new Map(
      pages.map((row) => [
        row.path,
        {
          product, path: row.path, url: row.url, mdUrl: row.md_url, title: row.title, description: row.description,
          ...(row.sidebar_title !== null && { sidebarTitle: row.sidebar_title }),
          keywords: JSON.parse(row.keywords) as string[],
          ...(row.weight !== null && { weight: row.weight }),
          section: row.section,
          ...(row.parent_path !== null && { parentPath: row.parent_path }),
          markdown: row.markdown, sections: sectionsByPage.get(row.id) ?? [], tokens: row.tokens, contentHash: row.content_hash,
        },
      ]),
    );
  } finally {
    handle.close();
  }
}
