import { estimateTokens } from '../tokens.js';
import type { Product } from '../products.js';
import { splitBlocks } from '../search/fit-budget.js';
import { PageNotFoundError, type PageRecord, type PageStore } from '../db/page-store.js';

export const DEFAULT_PAGE_TOKENS = 6_000;
export const MAX_PAGE_TOKENS = 20_000;

export interface ReadPageParams {
  reference: string;
  anchor?: string;
  product?: Product;
  maxTokens?: number;
  /** Opaque cursor from a previous call's `next_cursor`. */
  cursor?: string;
}

export interface ReadPageResult {
  path: string;
  url: string;
  title: string;
  anchor: string;
  product: Product;
  markdown: string;
  tokens: number;
  /** Pass back as `cursor` to read on; absent on the last part. */
  next_cursor?: string;
  /** 1-based part number and a rough total, for the reader's orientation. */
  part: number;
}

/**
 * A page, or one section with its subsections, as Markdown, in parts that fit a token budget. Parts
 * end at block boundaries (paragraphs, lists, tables, whole code blocks).
 */
export function readPage(store: PageStore, params: ReadPageParams): ReadPageResult {
  const { page, anchor: refAnchor } = store.findPage(params.reference, params.product);
  const anchor = params.anchor ?? refAnchor ?? '';
  const markdown = anchor ? sectionMarkdown(store, page, anchor) : page.markdown;
  const budget = Math.max(200, Math.min(params.maxTokens ?? DEFAULT_PAGE_TOKENS, MAX_PAGE_TOKENS));
  const blocks = splitBlocks(markdown);
  const start = params.cursor ? decodeCursor(params.cursor, page.id, anchor) : { block: 0, part: 1 };

  const taken: string[] = [];
  let used = 0;
  let next = start.block;
  while (next < blocks.length) {
    const block = blocks[next] ?? '';
    const cost = estimateTokens(block) + 1;
    // Always take at least one block, so a huge code block still makes progress.
    if (taken.length > 0 && used + cost > budget) break;
    taken.push(block);
    used += cost;
    next++;
  }
  const text = taken.join('\n\n');
  return {
    path: page.path,
    url: anchor ? `${page.url}#${anchor}` : page.url,
    title: page.title,
    anchor,
    product: page.product,
    markdown: text,
    tokens: estimateTokens(text),
    ...(next < blocks.length && { next_cursor: encodeCursor({ page: page.id, anchor, block: next, part: start.part + 1 }) }),
    part: start.part,
  };
}

/** A section and the subsections under it (up to the next heading of the same or a higher level). */
function sectionMarkdown(store: PageStore, page: PageRecord, anchor: string): string {
  const sections = store.getSections(page.id);
  const at = sections.findIndex((section) => section.anchor === anchor);
  if (at < 0) {
    const known = sections.filter((section) => section.anchor).map((section) => section.anchor);
    throw new PageNotFoundError(
      `No section '#${anchor}' on ${page.path}. Its sections are: ${known.slice(0, 40).join(', ')}${known.length > 40 ? ', …' : ''}.`,
    );
  }
  const level = sections[at]?.level ?? 2;
  const parts: string[] = [];
  for (let i = at; i < sections.length; i++) {
    const section = sections[i];
    if (!section || (i > at && section.level <= level)) break;
    parts.push(section.markdown);
  }
  return parts.join('\n\n');
}

interface Cursor {
  page: number;
  anchor: string;
  block: number;
  part: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, pageId: number, anchor: string): { block: number; part: number } {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString()) as Cursor;
    if (cursor.page === pageId && cursor.anchor === anchor && Number.isInteger(cursor.block) && cursor.block >= 0) {
      return { block: cursor.block, part: cursor.part };
    }
  } catch {
    // Not base64 JSON: reported below as an invalid cursor, the one condition handled here.
  }
  throw new PageNotFoundError('Invalid cursor for this page. Pass back the next_cursor of the previous read_page call unchanged, with the same page and anchor.');
}
