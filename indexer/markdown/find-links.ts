import type { Link } from 'mdast';
import type { ParsedMarkdown, SourceSpan } from './parse-markdown.js';
import { isInRanges, type TextEdit } from './text-edits.js';

/** A link on the page: its destination as written, its 1-based line in the Markdown given, its public URL when known. */
export interface PageLink {
  dest: string;
  line: number;
  url?: string;
}

/** Turns a destination as written into the public URL it should point to; undefined leaves it as is. */
export type LinkRewriter = (dest: string) => string | undefined;

/** A destination found in the source: where it is written (to replace it), when it can be. */
interface FoundLink {
  at: number;
  dest: string;
  range?: SourceSpan;
}

const HTML_HREF = /<a\s(?:[^>]*?\s)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * Find every link of a page outside code: inline links `[text](dest)`, reference definitions
 * `[ref]: dest` (which reference links `[text][ref]` use), autolinks, and `href`s of raw `<a>` tags; and
 * the edits that put each resolved URL in place of its destination, so the Markdown keeps its exact layout.
 * Only what the parser made a link, a definition or an `html` node is looked at, so code blocks and code
 * spans are never touched; images keep their sources. Links inside `hiddenRanges` are not on the
 * published page and are skipped.
 */
export function findLinks(parsed: ParsedMarkdown, rewrite: LinkRewriter, hiddenRanges: readonly TextEdit[]): { links: PageLink[]; edits: TextEdit[] } {
  const { source } = parsed;
  const found: FoundLink[] = [];
  for (const mark of parsed.marks) {
    if (mark.kind === 'html') found.push(...findHtmlLinks(source, mark.span));
    else if (mark.kind === 'link') found.push(readLink(source, mark.node, mark.span));
    else found.push(...readDefinition(source, mark.span));
  }

  const links: PageLink[] = [];
  const edits: TextEdit[] = [];
  let line = 1;
  let lineCountedTo = 0;
  for (const { at, dest, range } of found) {
    if (isInRanges(hiddenRanges, at)) continue;
    // Marks come in document order, so lines are counted once, forward.
    for (let nl = source.indexOf('\n', lineCountedTo); nl >= 0 && nl < at; nl = source.indexOf('\n', nl + 1)) line++;
    lineCountedTo = Math.max(lineCountedTo, at);
    const url = rewrite(dest);
    links.push({ dest, line, ...(url !== undefined && { url }) });
    if (url !== undefined && range && url !== dest) edits.push({ ...range, text: url });
  }
  return { links, edits };
}

/**
 * An inline link's destination as written, and where: after the `](` that ends its label (the label's last
 * child ends at the `]`). An autolink `<…>` is its own text; a link the parser made otherwise is kept as its URL.
 */
function readLink(source: string, node: Link, span: SourceSpan): FoundLink {
  const at = span.start;
  if (source[at] === '<') {
    // `<https://…>` and `<name@example.com>`: the text is the destination, left as written.
    const written = source.slice(at + 1, span.end - 1);
    return { at, dest: node.url.startsWith('mailto:') && !written.startsWith('mailto:') ? `mailto:${written}` : written };
  }
  const labelEnd = findLabelEnd(source, node, span);
  if (labelEnd >= 0 && source[labelEnd] === ']' && source[labelEnd + 1] === '(') {
    const range = readDestination(source, labelEnd + 2, span.end);
    if (range) return { at, dest: unescapeDestination(source.slice(range.start, range.end)), range };
  }
  return { at, dest: node.url };
}

/** Offset of the `]` closing a link's label: where its last child ends, or right after `[` for an empty label. */
function findLabelEnd(source: string, node: Link, span: SourceSpan): number {
  const last = node.children.at(-1)?.position?.end.offset;
  if (last === undefined) return source.indexOf(']', span.start + 1);
  return last;
}

/** The destination of a definition `[label]: dest "title"`: after the first unescaped `]:` in its source. */
function readDefinition(source: string, span: SourceSpan): FoundLink[] {
  const colon = findUnescaped(source, ']:', span.start, span.end);
  const range = colon < 0 ? undefined : readDestination(source, colon + 2, span.end);
  return range ? [{ at: span.start, dest: unescapeDestination(source.slice(range.start, range.end)), range }] : [];
}

function findHtmlLinks(source: string, span: SourceSpan): FoundLink[] {
  const slice = source.slice(span.start, span.end);
  if (!slice.includes('href')) return [];
  const comments = [...slice.matchAll(HTML_COMMENT)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: '' }));
  const found: FoundLink[] = [];
  for (const match of slice.matchAll(HTML_HREF)) {
    const at = match.index ?? 0;
    if (isInRanges(comments, at)) continue;
    const dest = match[1] ?? match[2] ?? '';
    const destStart = span.start + at + match[0].length - dest.length - 1;
    found.push({ at: span.start + at, dest, range: { start: destStart, end: destStart + dest.length } });
  }
  return found;
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
