import MarkdownIt, { type StateBlock, type StateCore, type StateInline, type Token } from 'markdown-it';
import autolinkRule from 'markdown-it/lib/rules_inline/autolink.mjs';
import htmlInlineRule from 'markdown-it/lib/rules_inline/html_inline.mjs';
import linkRule from 'markdown-it/lib/rules_inline/link.mjs';
import linkifyRule from 'markdown-it/lib/rules_inline/linkify.mjs';
import referenceRule from 'markdown-it/lib/rules_block/reference.mjs';
import { createCellMapper, createContentMapper, mapRange, splitTableRow, type ContentMapper, type SourceSpan } from './inline-positions.js';
import { indexLines, lineEnd, lineStart, type SourceLines } from './source-lines.js';

export type { SourceSpan } from './inline-positions.js';

/** Where an inline token (link_open, html_inline) sits in the page source. */
export interface InlinePosition {
  span: SourceSpan;
  /** The destination of an inline link `[text](dest)` as written, without its `<>`. */
  destination?: SourceSpan;
  /** A reference link `[text][ref]` or `[ref]`: its destination is written in the definition. */
  isReference?: boolean;
}

/** Raw HTML or a link, in document order: what hidden-markup stripping and link rewriting look at. */
export type Mark =
  | { kind: 'html'; span: SourceSpan; isBlock: boolean; inCellOrHeading: boolean }
  | { kind: 'link'; token: Token; position?: InlinePosition; blockLine: number };

/** A page parsed by markdown-it, with the offsets chunking needs to edit and slice the source. */
export interface ParsedMarkdown {
  /** The source the tokens describe: the input with line endings normalized to `\n`. */
  lines: SourceLines;
  tokens: Token[];
  /** HTML blocks, inline HTML and links outside code, in document order. */
  marks: Mark[];
  /** Line ranges [start, end) of link reference definitions, which markdown-it consumes without a token. */
  definitions: Array<[number, number]>;
}

/** Offsets relative to the inline token's `content`, recorded while markdown-it parses it. */
interface RelativePosition {
  start: number;
  end: number;
  destinationStart?: number;
  destinationEnd?: number;
  isReference?: boolean;
}

/** Per-parse state handed to the rules through markdown-it's `env`. */
interface ParseEnv {
  lines: SourceLines;
  marks: Mark[];
  definitions: Array<[number, number]>;
  /** Tokens that recorded a position while the current inline content was parsed, with the text it is relative to. */
  positioned: Array<{ token: Token; src: string }>;
}

const CELL_OR_HEADING = new Set(['heading_open', 'th_open', 'td_open']);

/**
 * One configured parser for every page, never changed after this: markdown-it's default preset
 * (CommonMark plus GFM tables and strikethrough), raw HTML recognised (the docs use `<details>`, `<br>`,
 * comments), bare `scheme://` URLs linked as GFM does. markdown-it gives block tokens line ranges but
 * inline tokens no position, so the rules whose tokens chunking edits (links, autolinks, inline HTML) are
 * wrapped to record where they start and end, the core inline pass turns those into source offsets, and
 * reference definitions, which leave no token, record their lines.
 */
const markdownIt = createMarkdownIt();

function createMarkdownIt(): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: true });
  // The core linkify pass scans every text token for bare domains (`www.x.com`, but also `Platform.sh`,
  // which GFM leaves as text) and is the costliest step of a cold parse; no Upsun page has a bare `www.`
  // link outside code, so only the inline rule for `scheme://` URLs stays on.
  md.core.ruler.disable('linkify');
  // parseMarkdown normalizes line endings itself, once, so that offsets and line numbers agree.
  md.core.ruler.disable('normalize');
  // Destinations are read from the source as written; percent-encoding them (mdurl) would only cost time.
  md.normalizeLink = (url: string) => url;
  md.normalizeLinkText = (text: string) => text;
  md.inline.ruler.at('link', withPosition(linkRule, 'link_open', readLinkForm));
  md.inline.ruler.at('autolink', withPosition(autolinkRule, 'link_open'));
  md.inline.ruler.at('linkify', withPosition(linkifyRule, 'link_open'));
  md.inline.ruler.at('html_inline', withPosition(htmlInlineRule, 'html_inline'));
  md.block.ruler.at('reference', (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    if (!referenceRule(state, startLine, endLine, silent)) return false;
    if (!silent) (state.env as ParseEnv).definitions.push([startLine, state.line]);
    return true;
  });
  md.core.ruler.at('inline', parseInlineContent);
  return md;
}

/**
 * Parse a page. Line endings are normalized first (CommonMark §2.3, as markdown-it does internally) so
 * that token line ranges and offsets address the same text; chunking slices and edits that text.
 */
export function parseMarkdown(markdown: string): ParsedMarkdown {
  let source = markdown;
  if (source.includes('\r')) source = source.replace(/\r\n?/g, '\n');
  if (source.includes('\0')) source = source.replaceAll('\0', '\uFFFD');
  const env: ParseEnv = { lines: indexLines(source), marks: [], definitions: [], positioned: [] };
  const tokens = markdownIt.parse(source, env);
  return { lines: env.lines, tokens, marks: env.marks, definitions: env.definitions };
}

/** Where `token` sits in the source, for the inline tokens whose position was recorded and could be mapped. */
export function positionOf(token: Token): InlinePosition | undefined {
  const meta: unknown = token.meta;
  return typeof meta === 'object' && meta !== null && 'span' in meta ? (meta as InlinePosition) : undefined;
}

/** How many cells a table row (its `tr_open`) has in the source, before markdown-it pads it to the header's width. */
export function countWrittenCells(lines: SourceLines, rowOpen: Token): number {
  return rowOpen.map ? splitTableRow(lines, rowOpen.map[0]).length : Number.POSITIVE_INFINITY;
}

/** An HTML block runs from its first `<` (after indentation, list marker or `>`) to the end of its last line. */
export function findHtmlBlockSpan(lines: SourceLines, map: [number, number]): SourceSpan {
  const first = lineStart(lines, map[0]);
  const tag = lines.source.indexOf('<', first);
  const start = tag >= 0 && tag <= lineEnd(lines, map[0]) ? tag : first;
  let end = lineEnd(lines, map[1] - 1);
  while (end > start && /\s/.test(lines.source[end - 1] ?? '')) end--;
  return { start, end };
}

/** Wrap an inline rule so the token of `type` it pushes records the range the rule consumed. */
function withPosition(rule: (state: StateInline, silent: boolean) => boolean, type: string, readForm?: (state: StateInline, start: number) => Partial<RelativePosition>) {
  return (state: StateInline, silent: boolean): boolean => {
    const start = state.pos;
    const before = state.tokens.length;
    if (!rule(state, silent)) return false;
    if (silent) return true;
    // `push` first flushes pending text into its own token, so the rule's token need not be the first new one.
    for (let i = before; i < state.tokens.length; i++) {
      const token = state.tokens[i] as Token;
      if (token.type !== type) continue;
      const relative: RelativePosition = { start, end: state.pos, ...readForm?.(state, start) };
      token.meta = { relative };
      (state.env as ParseEnv).positioned.push({ token, src: state.src });
      break;
    }
    return true;
  };
}

/** For a link just parsed at `start`: reference or inline form, and where an inline destination is written. */
function readLinkForm(state: StateInline, start: number): Partial<RelativePosition> {
  const src = state.src;
  const labelEnd = state.md.helpers.parseLinkLabel(state, start, true);
  if (labelEnd < 0 || src.charCodeAt(labelEnd + 1) !== 0x28 /* ( */) return { isReference: true };
  let at = labelEnd + 2;
  while (at < state.posMax && (src[at] === ' ' || src[at] === '\t' || src[at] === '\n')) at++;
  const parsed = state.md.helpers.parseLinkDestination(src, at, state.posMax);
  if (!parsed.ok || parsed.pos === at) return {};
  return src[at] === '<' ? { destinationStart: at + 1, destinationEnd: parsed.pos - 1 } : { destinationStart: at, destinationEnd: parsed.pos };
}

/**
 * markdown-it's core `inline` rule (parse each inline token's content), which then turns the positions
 * recorded relative to that content into source offsets and lists the page's HTML and links in document
 * order. Offsets in a table cell are found by splitting its row as markdown-it does, since cell tokens
 * carry no line range. Positions that cannot be mapped are dropped: such a link is listed but not rewritten.
 */
function parseInlineContent(state: StateCore): void {
  const env = state.env as ParseEnv;
  const { tokens } = state;
  let cell = 0;
  let line = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.map) line = token.map[0];
    if (token.type === 'tr_open') {
      cell = 0;
    } else if (token.type === 'html_block' && token.map) {
      env.marks.push({ kind: 'html', span: findHtmlBlockSpan(env.lines, token.map), isBlock: true, inCellOrHeading: false });
    } else if (token.type === 'inline') {
      const cellIndex = token.map ? -1 : cell++;
      env.positioned.length = 0;
      state.md.inline.parse(token.content, state.md, state.env, token.children ?? []);
      if (env.positioned.length === 0) continue;
      const cellSpan = cellIndex < 0 ? undefined : splitTableRow(env.lines, line)[cellIndex];
      const toSource: ContentMapper =
        cellIndex < 0 ? createContentMapper(env.lines, line, token.content) : cellSpan ? createCellMapper(env.lines.source, cellSpan, token.content) : () => undefined;
      const inCellOrHeading = CELL_OR_HEADING.has(tokens[i - 1]?.type ?? '');
      // An image's alt text is parsed apart, relative to itself; its tokens are not on the page's links list.
      // A link's label is parsed before the link's own token records its position: restore source order.
      const positioned = env.positioned
        .filter((entry) => entry.src === token.content)
        .map((entry) => entry.token)
        .sort((a, b) => readRelative(a).start - readRelative(b).start);
      for (const child of positioned) {
        const position = toPosition(readRelative(child), toSource);
        child.meta = position ?? null;
        if (child.type === 'link_open') env.marks.push({ kind: 'link', token: child, ...(position && { position }), blockLine: line });
        else if (position) env.marks.push({ kind: 'html', span: position.span, isBlock: false, inCellOrHeading });
      }
    }
  }
}

function readRelative(token: Token): RelativePosition {
  return (token.meta as { relative: RelativePosition }).relative;
}

function toPosition(relative: RelativePosition, toSource: ContentMapper): InlinePosition | undefined {
  const span = mapRange(relative.start, relative.end, toSource);
  if (!span) return undefined;
  const destination = relative.destinationStart === undefined ? undefined : mapRange(relative.destinationStart, relative.destinationEnd ?? relative.destinationStart, toSource);
  return { span, ...(destination && { destination }), ...(relative.isReference && { isReference: true }) };
}
