import type { IndexHandle } from './open-index.js';
import { DEFAULT_PRODUCT, type Product } from '../products.js';
import { parsePageRef, publicPageUrl } from '../docs/page-ref.js';

export interface PageRecord {
  id: number;
  product: Product;
  path: string;
  url: string;
  md_url: string;
  title: string;
  description: string;
  section: string;
  weight: number | null;
  tokens: number;
  markdown: string;
}

export interface SectionRecord {
  id: number;
  ordinal: number;
  anchor: string;
  level: number;
  heading: string;
  heading_path: string;
  markdown: string;
  tokens: number;
}

export interface PageSummary {
  id: number;
  product: Product;
  path: string;
  url: string;
  title: string;
  description: string;
}

/** The page an unknown reference could not be matched to; the message says what to do. */
export class PageNotFoundError extends Error {
  override name = 'PageNotFoundError';
}

export interface PageStore {
  /** Find a page by source path, public URL or resource URI. Throws PageNotFoundError. */
  findPage(reference: string, product?: Product): { page: PageRecord; anchor?: string };
  getSections(pageId: number): SectionRecord[];
  listPages(options: { product?: Product; afterId?: number; limit: number }): PageSummary[];
  /** Pages whose path starts with a prefix, for completion. */
  listPaths(product: Product): string[];
}

export function createPageStore({ db }: IndexHandle): PageStore {
  const byPath = db.prepare('SELECT * FROM pages WHERE product = ? AND path = ?');
  const byPathAnyProduct = db.prepare('SELECT * FROM pages WHERE path = ? ORDER BY product = ? DESC LIMIT 1');
  const byUrl = db.prepare('SELECT * FROM pages WHERE product = ? AND (url = ? OR md_url = ?)');
  const sections = db.prepare('SELECT id, ordinal, anchor, level, heading, heading_path, markdown, tokens FROM sections WHERE page_id = ? ORDER BY ordinal');
  const list = db.prepare('SELECT id, product, path, url, title, description FROM pages WHERE (? IS NULL OR product = ?) AND id > ? ORDER BY id LIMIT ?');
  const paths = db.prepare('SELECT path FROM pages WHERE product = ? ORDER BY path');
  const pathCache = new Map<Product, string[]>();

  return {
    findPage(reference, product) {
      const ref = parsePageRef(reference);
      const wanted = ref.product ?? product;
      let page: PageRecord | undefined;
      if (ref.urlPath !== undefined) {
        const base = reference.trim().match(/^(https?:\/\/[^/]+)/i)?.[1]?.toLowerCase() ?? '';
        page = byUrl.get(wanted ?? DEFAULT_PRODUCT, publicPageUrl(base, ref.urlPath), publicPageUrl(base, ref.urlPath, 'md')) as PageRecord | undefined;
      }
      for (const candidate of ref.candidates) {
        if (page) break;
        page = (wanted ? byPath.get(wanted, candidate) : byPathAnyProduct.get(candidate, DEFAULT_PRODUCT)) as PageRecord | undefined;
      }
      if (!page) {
        throw new PageNotFoundError(
          `No page '${reference}'${wanted ? ` in the ${wanted} docs` : ''}. Use a source path such as create-apps/image-properties/mounts.md or a docs.upsun.com URL; call search_docs to find the right page.`,
        );
      }
      return { page, ...(ref.anchor && { anchor: ref.anchor }) };
    },
    getSections: (pageId) => sections.all(pageId) as SectionRecord[],
    listPages: ({ product, afterId = 0, limit }) => list.all(product ?? null, product ?? null, afterId, limit) as PageSummary[],
    listPaths(product) {
      let cached = pathCache.get(product);
      if (!cached) {
        cached = (paths.all(product) as Array<{ path: string }>).map((row) => row.path);
        pathCache.set(product, cached);
      }
      return cached;
    },
  };
}
