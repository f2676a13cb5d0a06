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

/** One way a build differs from the reference: on which page (or `build` for warnings), in what, and how. */
export interface ParityDifference {
  page: string;
  /** `markdown`, `links`, `sections`, `warnings`, or `section <anchor> <field>`. */
  what: string;
  expected: unknown;
  actual: unknown;
}

/** Every difference between two sets of records, page by page, section by section. */
export function compareParityRecords(expected: ParityRecords, actual: ParityRecords): ParityDifference[] {
  const differences: ParityDifference[] = [];
  const actualPages = new Map(actual.pages.map((page) => [page.page, page]));
  const expectedPages = new Set(expected.pages.map((page) => page.page));
  for (const page of actual.pages) if (!expectedPages.has(page.page)) differences.push({ page: page.page, what: 'page', expected: undefined, actual: 'present' });
  for (const want of expected.pages) {
    const got = actualPages.get(want.page);
    if (!got) {
      differences.push({ page: want.page, what: 'page', expected: 'present', actual: undefined });
      continue;
    }
    if (want.markdown !== got.markdown) differences.push({ page: want.page, what: 'markdown', expected: want.markdown, actual: got.markdown });
    if (JSON.stringify(want.links) !== JSON.stringify(got.links)) differences.push({ page: want.page, what: 'links', expected: want.links, actual: got.links });
    const anchors = (records: SectionRecord[]) => records.map((section) => section.anchor);
    if (JSON.stringify(anchors(want.sections)) !== JSON.stringify(anchors(got.sections))) {
      differences.push({ page: want.page, what: 'sections', expected: anchors(want.sections), actual: anchors(got.sections) });
      continue;
    }
    want.sections.forEach((section, i) => {
      const other = got.sections[i] as SectionRecord;
      for (const field of ['level', 'headingPath', 'markdown', 'prose', 'code'] as const) {
        if (JSON.stringify(section[field]) !== JSON.stringify(other[field])) {
          differences.push({ page: want.page, what: `section #${section.anchor} ${field}`, expected: section[field], actual: other[field] });
        }
      }
    });
  }
  const expectedWarnings = new Set(expected.warnings);
  const actualWarnings = new Set(actual.warnings);
  for (const warning of expected.warnings) if (!actualWarnings.has(warning)) differences.push({ page: 'build', what: 'warnings', expected: warning, actual: undefined });
  for (const warning of actual.warnings) if (!expectedWarnings.has(warning)) differences.push({ page: 'build', what: 'warnings', expected: undefined, actual: warning });
  return differences;
}
