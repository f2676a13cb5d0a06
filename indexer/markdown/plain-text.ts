import type { Token } from 'markdown-it';
import { countWrittenCells, findHtmlBlockSpan, positionOf, type SourceSpan } from './parse-markdown.js';
import { firstCharOf, type SourceLines } from './source-lines.js';
import { applyEdits, findRange, type TextEdit } from './text-edits.js';

/** A parsed page with its edits, so HTML is read as it will be published. */
export interface PlainTextSource {
  lines: SourceLines;
  tokens: readonly Token[];
  /** Sorted edits (see `sortEdits`). */
  edits: readonly TextEdit[];
  /** Sorted hidden elements: blocks and inline HTML starting inside them are skipped. */
  hiddenRanges: readonly TextEdit[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text of the blocks among tokens [first, end), as a reader sees it: paragraphs separated by blank
 * lines, one list item or table row per line, table cells separated by ` | `, code blocks left out (they
 * go to `collectCode`), inline code kept as text, links and images reduced to their text.
 */
export function toProse(from: PlainTextSource, first: number, end: number): string {
  const blocks = toBlockTexts(from, first, end).filter((text) => text.trim() !== '');
  return blocks.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The contents of every code block among tokens [first, end) (nested ones included), in order, without fences. */
export function collectCode(from: PlainTextSource, first: number, end: number): string[] {
  const code: string[] = [];
  for (let i = first; i < end; i++) {
    const token = from.tokens[i] as Token;
    if ((token.type === 'fence' || token.type === 'code_block') && !isHiddenBlock(token, from)) code.push(token.content.replace(/\n$/, ''));
  }
  return code;
}

/** Plain text of an inline token's children, e.g. a heading's. */
export function toInlineText(children: readonly Token[], from: PlainTextSource): string {
  let text = '';
  // Inline tokens other than HTML and links carry no position: after a hidden element's start tag,
  // everything up to its end tag is skipped.
  let hiddenUntil = -1;
  for (const child of children) {
    const type = child.type;
    if (hiddenUntil >= 0) {
      const position = positionOf(child);
      if (position && position.span.end >= hiddenUntil) hiddenUntil = -1;
    } else if (type === 'text' || type === 'code_inline') {
      text += child.content;
    } else if (type === 'softbreak' || type === 'hardbreak') {
      text += '\n';
    } else if (type === 'html_inline') {
      const position = positionOf(child);
      const hidden = position && from.hiddenRanges.length > 0 ? findRange(from.hiddenRanges, position.span.start) : undefined;
      if (hidden && position) {
        if (position.span.end < hidden.end) hiddenUntil = hidden.end;
      } else if (position) {
        text += toHtmlText(from, position.span);
      }
    } else if (type === 'image') {
      text += toInlineText(child.children ?? [], from);
    }
    // Opening and closing tokens of links and emphasis add nothing: their text is in the tokens between them.
  }
  return text;
}

/**
 * The text of each top-level block among tokens [first, end): the non-empty texts of the paragraphs,
 * headings, tables and HTML blocks in it, one per line (a list gives one line per item). One pass over the
 * tokens; a block that starts inside a hidden element is skipped with everything in it.
 */
function toBlockTexts(from: PlainTextSource, first: number, end: number): string[] {
  const { tokens } = from;
  const blocks: string[] = [];
  let current: string[] = [];
  for (let i = first; i < end; i++) {
    const token = tokens[i] as Token;
    if (token.nesting === -1) continue;
    if (token.level === 0) {
      if (current.length > 0) blocks.push(current.join('\n'));
      current = [];
    }
    if (isHiddenBlock(token, from)) {
      i = findClose(tokens, i);
      continue;
    }
    const text = toLeafText(from, i);
    if (text !== '') current.push(text);
    if (token.type === 'table_open' || token.type === 'paragraph_open' || token.type === 'heading_open') i = findClose(tokens, i);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

/** Index of the token closing the block opened at `open` (itself for a block without children). */
function findClose(tokens: readonly Token[], open: number): number {
  const token = tokens[open] as Token;
  if (token.nesting !== 1) return open;
  let i = open + 1;
  while (i < tokens.length && !((tokens[i] as Token).nesting === -1 && (tokens[i] as Token).level === token.level)) i++;
  return i;
}

/** Text of a block that holds no other blocks; '' for containers (lists, quotes) and code. */
function toLeafText(from: PlainTextSource, open: number): string {
  const token = from.tokens[open] as Token;
  switch (token.type) {
    case 'paragraph_open':
    case 'heading_open':
      return toInlineText(from.tokens[open + 1]?.children ?? [], from).trim();
    case 'table_open':
      return toTableText(from, open, findClose(from.tokens, open));
    case 'html_block':
      return token.map
        ? toHtmlText(from, findHtmlBlockSpan(from.lines, token.map))
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== '')
            .join('\n')
        : '';
    default:
      return '';
  }
}

function toTableText(from: PlainTextSource, open: number, close: number): string {
  const rows: string[] = [];
  let cells: string[] = [];
  let row: Token | undefined;
  const endRow = () => {
    // markdown-it pads a short row with empty cells (GFM spec §4.10); only the cells written are read.
    if (row && cells.at(-1) === '') cells.length = Math.min(cells.length, countWrittenCells(from.lines, row));
    if (row) rows.push(cells.join(' | '));
  };
  for (let i = open + 1; i < close; i++) {
    const token = from.tokens[i] as Token;
    if (token.type === 'tr_open') {
      endRow();
      row = token;
      cells = [];
    } else if (token.type === 'inline') {
      cells.push(toInlineText(token.children ?? [], from).replace(/\s+/g, ' ').trim());
    }
  }
  endRow();
  return rows.join('\n');
}

/** Text of raw HTML as published (comments and hidden parts already cut), tags dropped, entities decoded. */
function toHtmlText(from: PlainTextSource, span: SourceSpan): string {
  const html = applyEdits(from.lines.source, from.edits, span.start, span.end);
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/t[dh]>\s*(?=<t[dh][\s>])/gi, ' | ')
    .replace(/<\/(?:p|div|li|tr|summary|details|h[1-6]|table|thead|tbody|ul|ol|dl|dt|dd|blockquote|pre)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity);
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
  return ENTITIES[name.toLowerCase()];
}

/** A block whose markup starts inside a hidden element (an HTML block: at its first tag). */
function isHiddenBlock(token: Token, from: PlainTextSource): boolean {
  if (!token.map || from.hiddenRanges.length === 0) return false;
  const start = token.type === 'html_block' ? findHtmlBlockSpan(from.lines, token.map).start : firstCharOf(from.lines, token.map[0]);
  return findRange(from.hiddenRanges, start) !== undefined;
}
