import type Database from 'better-sqlite3';
import { publicPageUrl, publicUrlPath } from '../docs/page-ref.js';
import { PRODUCT_INFO, type Product } from '../products.js';
import type { RankedList } from './fuse-rankings.js';
import type { RowRange } from './row-ranges.js';

/**
 * A link to the docs in a question: today's sites (docs.upsun.com, fixed.docs.upsun.com) and the Platform.sh
 * era's (docs.platform.sh), with or without a scheme. Users paste the page they read ("…/mounts.html says X,
 * but…"); kept whole, the link was one identifier no section holds, and the question found nothing.
 */
const DOCS_URL = /(?:https?:\/\/)?(?:fixed\.docs\.upsun\.com|docs\.upsun\.com|docs\.platform\.sh)(\/[^\s<>()[\]{}"'`,;|]*)?/giu;

/** Path parts that name a format or a site, not a subject. */
const NOT_WORDS = new Set(['html', 'md', 'index', 'docs']);

export interface DocsUrls {
  /** The question with each docs link replaced by the words of its path (`configuration/app/storage.html` → "configuration app storage"). */
  text: string;
  /** Each link's page path as the site keys it (see publicUrlPath) and its anchor, in the order they appear. */
  links: DocsLink[];
}

export interface DocsLink {
  path: string;
  anchor?: string;
}

/** Find the docs links in `text`; a text without one comes back as it is. */
export function readDocsUrls(text: string): DocsUrls {
  const links: DocsLink[] = [];
  const rewritten = text.replace(DOCS_URL, (_link, rawPath: string | undefined) => {
    // Sentence punctuation after a link is not part of it.
    const [beforeHash = '', hash] = (rawPath ?? '/').replace(/[.:!?]+$/u, '').split('#');
    const path = publicUrlPath(beforeHash.replace(/\?.*$/u, '') || '/');
    links.push({ path, ...(hash && { anchor: hash.toLowerCase() }) });
    return ` ${path.split(/[/._-]+/u).filter((word) => word !== '' && !NOT_WORDS.has(word)).join(' ')} `;
  });
  return { text: links.length === 0 ? text : rewritten, links };
}

/**
 * The pages a question links to, as a ranked list to fuse with the others (the linked section, or the page's
 * first section, in the order linked). A link is looked up in the product searched, by its path: the products' sites share their
 * layout, so a Platform.sh-era link finds today's page when that page kept its path; one whose path the site
 * no longer has adds nothing but its words.
 */
export function createLinkedSections(db: Database.Database): (links: readonly DocsLink[], product: Product, range: RowRange, weight: number) => RankedList {
  const first = db.prepare('SELECT min(s.id) FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.product = ? AND p.url = ?').pluck();
  const section = db.prepare('SELECT s.id FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.product = ? AND p.url = ? AND s.anchor = ?').pluck();
  return (links, product, range, weight) => {
    const ids: number[] = [];
    for (const { path, anchor } of links) {
      const url = publicPageUrl(PRODUCT_INFO[product].baseUrl, path);
      // An anchor the page no longer has still names the page.
      const id = ((anchor && section.get(product, url, anchor)) ?? first.get(product, url)) as number | null;
      if (id !== null && id >= range.lo && id <= range.hi && !ids.includes(id)) ids.push(id);
    }
    return { ids, scores: ids.map((_, i) => 1 / (i + 1)), weight };
  };
}
