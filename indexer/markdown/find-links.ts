import type { Definition, Html, Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { isInRanges, type TextEdit } from './text-edits.js';

/** A link on the page: its destination as written, its 1-based line in the Markdown given, its public URL when known. */
export interface PageLink {
  dest: string;
  line: number;
  url?: string;
}

/** Turns a destination as written into the public URL it should point to; undefined leaves it as is. */
export type LinkRewriter = (dest: string) => string | undefined;

const HTML_HREF = /<a\s(?:[^>]*?\s)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * Find every link of a page outside code: inline links `[text](dest)`, reference definitions
 * `[ref]: dest` (which reference links `[text][ref]` use), autolinks, and `href`s of raw `<a>` tags; and
 * the edits that put each resolved URL in place of its destination, so the Markdown keeps its exact layout.
 * Links inside `hiddenRanges` are not on the published page and are skipped.
 */
export function findLinks(tree: Root, source: string, rewrite: LinkRewriter, hiddenRanges: readonly TextEdit[]): { links: PageLink[]; edits: TextEdit[] } {
  const links: PageLink[] = [];
  const edits: TextEdit[] = [];
  const record = (dest: string, line: number, range: { start: number; end: number } | undefined): void => {
    const url = rewrite(dest);
    links.push({ dest, line, ...(url !== undefined && { url }) });
    if (url !== undefined && range && url !== dest) edits.push({ ...range, text: url });
  };

  visit(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'definition' && node.type !== 'html') return;
    const start = node.position?.start.offset;
    if (start === undefined || isInRanges(hiddenRanges, start)) return;
    const line = node.position?.start.line ?? 0;
    if (node.type === 'html') {
      findHtmlLinks(node, source, start, record);
      return;
    }
    const range = node.type === 'link' ? findInlineDestination(node, source) : findDefinitionDestination(node, source);
    record(range ? unescapeDestination(source.slice(range.start, range.end)) : node.url, line, range);
  });
  return { links, edits };
}

function findHtmlLinks(node: Html, source: string, start: number, record: (dest: string, line: number, range: { start: number; end: number }) => void): void {
  const end = node.position?.end.offset ?? start;
  const slice = source.slice(start, end);
  if (!slice.includes('href')) return;
  const comments = [...slice.matchAll(HTML_COMMENT)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: '' }));
  for (const match of slice.matchAll(HTML_HREF)) {
    const at = match.index ?? 0;
    if (isInRanges(comments, at)) continue;
    const dest = match[1] ?? match[2] ?? '';
    const destStart = start + at + match[0].length - dest.length - 1;
    const line = (node.position?.start.line ?? 0) + countNewlines(slice, at);
    record(dest, line, { start: destStart, end: destStart + dest.length });
  }
}

/**
 * Where the destination of an inline link `[text](dest "title")` sits in the source; undefined for
 * autolinks (`<https://…>`, bare `www.…`), whose text is their destination and is left alone.
 */
function findInlineDestination(link: Link, source: string): { start: number; end: number } | undefined {
  const end = link.position?.end.offset;
  const start = link.position?.start.offset;
  if (start === undefined || end === undefined || source[end - 1] !== ')' || source[start] !== '[') return undefined;
  const labelEnd = link.children.at(-1)?.position?.end.offset ?? start + 1;
  const open = source.indexOf('](', labelEnd);
  if (open < 0 || open >= end) return undefined;
  return readDestination(source, open + 2, end);
}

/** Where the destination of a definition `[label]: dest "title"` sits in the source. */
function findDefinitionDestination(definition: Definition, source: string): { start: number; end: number } | undefined {
  const start = definition.position?.start.offset;
  const end = definition.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const colon = findUnescaped(source, ']:', start, end);
  return colon < 0 ? undefined : readDestination(source, colon + 2, end);
}

/** Read a link destination (CommonMark §6.3): `<…>` or a run without spaces and with balanced parentheses. */
function readDestination(source: string, from: number, limit: number): { start: number; end: number } | undefined {
  let at = from;
  while (at < limit && /\s/.test(source[at] ?? '')) at++;
  if (source[at] === '<') {
    const close = findUnescaped(source, '>', at + 1, limit);
    return close < 0 ? undefined : { start: at + 1, end: close };
  }
  const start = at;
  let depth = 0;
  for (; at < limit; at++) {
    const char = source[at] ?? '';
    if (char === '\\') {
      at++;
      continue;
    }
    if (/\s/.test(char)) break;
    if (char === '(') depth++;
    else if (char === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return at > start ? { start, end: at } : undefined;
}

function findUnescaped(source: string, needle: string, from: number, limit: number): number {
  for (let at = source.indexOf(needle, from); at >= 0 && at < limit; at = source.indexOf(needle, at + 1)) {
    let backslashes = 0;
    while (source[at - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

/** Backslash escapes (CommonMark §2.4) are not part of the destination. */
function unescapeDestination(raw: string): string {
  return raw.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function countNewlines(text: string, until: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < until; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
