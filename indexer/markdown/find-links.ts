import type { Token } from 'markdown-it';
import type { InlinePosition, ParsedMarkdown, SourceSpan } from './parse-markdown.js';
import { findLine, firstCharOf, lineEnd, type SourceLines } from './source-lines.js';
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
 * Only what markdown-it parsed as a link or as HTML is looked at, so code blocks and code spans are never
 * touched. Links inside `hiddenRanges` are not on the published page and are skipped.
 */
export function findLinks(parsed: ParsedMarkdown, rewrite: LinkRewriter, hiddenRanges: readonly TextEdit[]): { links: PageLink[]; edits: TextEdit[] } {
  const { lines } = parsed;
  const found: FoundLink[] = [];
  for (const mark of parsed.marks) {
    if (mark.kind === 'html') found.push(...findHtmlLinks(lines.source, mark.span));
    else {
      const link = readLink(lines, mark.token, mark.position, mark.blockLine);
      if (link) found.push(link);
    }
  }
  if (parsed.definitions.length > 0) {
    for (const [first, last] of parsed.definitions) found.push(...findDefinitionLink(lines, first, last));
    // Definitions were collected apart from the tokens; a stable sort puts every link back in document order.
    found.sort((a, b) => a.at - b.at);
  }

  const links: PageLink[] = [];
  const edits: TextEdit[] = [];
  for (const { at, dest, range } of found) {
    if (isInRanges(hiddenRanges, at)) continue;
    const url = rewrite(dest);
    links.push({ dest, line: findLine(lines, at) + 1, ...(url !== undefined && { url }) });
    if (url !== undefined && range && url !== dest) edits.push({ ...range, text: url });
  }
  return { links, edits };
}

/** A link's destination; none for a reference link, whose destination is written (and rewritten) in its definition. */
function readLink(lines: SourceLines, token: Token, position: InlinePosition | undefined, blockLine: number): FoundLink | undefined {
  if (position?.isReference) return undefined;
  const at = position?.span.start ?? firstCharOf(lines, blockLine);
  const href = token.attrGet('href') ?? '';
  if (token.markup === 'autolink' && position) {
    // `<https://…>` and `<name@example.com>`: the text is the destination, left as written.
    const written = lines.source.slice(position.span.start + 1, position.span.end - 1);
    return { at, dest: href.startsWith('mailto:') && !written.startsWith('mailto:') ? `mailto:${written}` : written };
  }
  if (position?.destination) {
    return { at, dest: unescapeDestination(lines.source.slice(position.destination.start, position.destination.end)), range: position.destination };
  }
  return { at, dest: href };
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

/** The destination of a definition `[label]: dest "title"` on lines [first, last). */
function findDefinitionLink(lines: SourceLines, first: number, last: number): FoundLink[] {
  const start = firstCharOf(lines, first);
  const end = lineEnd(lines, last - 1);
  const colon = findUnescaped(lines.source, ']:', start, end);
  const range = colon < 0 ? undefined : readDestination(lines.source, colon + 2, end);
  return range ? [{ at: start, dest: unescapeDestination(lines.source.slice(range.start, range.end)), range }] : [];
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
