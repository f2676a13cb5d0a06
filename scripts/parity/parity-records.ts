// What the Markdown parity check compares between two builds of the same snapshot: per page, its stored
// Markdown and links; per section, its anchor, heading path and the hashes of its Markdown, prose and code;
// and the build's warnings. Hashes keep the fixture small; rebuild the old index to see a text difference.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { IndexWarning } from '../../indexer/types.js';

export interface SectionRecord {
  anchor: string;
  level: number;
  headingPath: string[];
  markdown: string;
  prose: string;
  code: string;
}

export interface PageRecord {
  /** `product:path` */
  page: string;
  markdown: string;
  /** Link destinations as stored (after rewriting to public URLs), in order. */
  links: string[];
  sections: SectionRecord[];
}

export interface ParityRecords {
  pages: PageRecord[];
  /** `kind file:line message`, sorted. */
  warnings: string[];
}

/** A short content hash: enough to tell two texts apart, small enough to keep 5,000 of them in the repo. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 12);
}

// The destinations of inline links, images and `href`s as they sit in stored Markdown. Read the same way
// from both builds, so it compares what links a reader gets, whatever parser found them.
const STORED_LINK = /\]\(\s*<?([^)\s>]+)|href\s*=\s*"([^"]*)"|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm;

export function readStoredLinks(markdown: string): string[] {
  return [...markdown.matchAll(STORED_LINK)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** Read the parity records of a built index file. */
export function readParityRecords(indexFile: string, warnings: readonly IndexWarning[]): ParityRecords {
  const db = new Database(indexFile, { readonly: true });
  try {
    const pages = db.prepare('SELECT id, product, path, markdown FROM pages ORDER BY product, path').all() as Array<{ id: number; product: string; path: string; markdown: string }>;
    const sectionsOf = db.prepare('SELECT anchor, level, heading_path, markdown, prose, code FROM sections WHERE page_id = ? ORDER BY ordinal');
    return {
      pages: pages.map((page) => ({
        page: `${page.product}:${page.path}`,
        markdown: hashText(page.markdown),
        links: readStoredLinks(page.markdown),
        sections: (sectionsOf.all(page.id) as Array<{ anchor: string; level: number; heading_path: string; markdown: string; prose: string; code: string }>).map((row) => ({
          anchor: row.anchor,
          level: row.level,
          headingPath: JSON.parse(row.heading_path) as string[],
          markdown: hashText(row.markdown),
          prose: hashText(row.prose),
          code: hashText(row.code),
        })),
      })),
      warnings: warnings.map((w) => `${w.kind} ${w.file}:${w.line} ${w.message}`).sort(),
    };
  } finally {
    db.close();
  }
}
