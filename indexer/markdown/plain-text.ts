import type { Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import { spanOf, type SourceSpan } from './parse-markdown.js';
import { applyEdits, findRange, type TextEdit } from './text-edits.js';

/** A parsed page with its edits, so HTML is read as it will be published. */
export interface PlainTextSource {
  source: string;
  /** Sorted edits (see `sortEdits`). */
  edits: readonly TextEdit[];
  /** Sorted hidden elements: nodes starting inside them are skipped. */
  hiddenRanges: readonly TextEdit[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text of some top-level blocks, as a reader sees it: paragraphs separated by blank lines, one list
 * item or table row per line, table cells separated by ` | `, code blocks left out (they go to
 * `collectCode`), inline code kept as text, links and images reduced to their text.
 */
export function toProse(from: PlainTextSource, blocks: readonly RootContent[]): string {
  const texts: string[] = [];
  for (const block of blocks) {
    const lines: string[] = [];
    collectLeafTexts(from, block, lines);
    const text = lines.join('\n');
    if (text.trim() !== '') texts.push(text);
  }
  return texts.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The contents of every code block among `blocks` (nested ones included), in order, without fences. */
export function collectCode(from: PlainTextSource, blocks: readonly RootContent[]): string[] {
  const code: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'code') {
      if (!isHidden(node, from)) code.push(node.value);
    } else if ('children' in node) {
      for (const child of node.children) walk(child);
    }
  };
  for (const block of blocks) walk(block);
  return code;
}

/** Plain text of phrasing content, e.g. a heading's: a node that starts inside a hidden element is left out. */
export function toInlineText(children: readonly PhrasingContent[], from: PlainTextSource): string {
  let text = '';
  for (const child of children) {
    if (isHidden(child, from)) continue;
    switch (child.type) {
      case 'text':
      case 'inlineCode':
        text += child.value;
        break;
      case 'break':
        text += '\n';
        break;
      case 'html':
        text += toHtmlText(from, spanOf(child));
        break;
      case 'image':
      case 'imageReference':
        text += child.alt ?? '';
        break;
      default:
        // Links and emphasis add nothing of their own: their text is in their children.
        if ('children' in child) text += toInlineText(child.children, from);
    }
  }
  return text;
}

/**
 * The non-empty texts of the paragraphs, headings, tables and HTML blocks in `node`, one per line (a list
 * gives one line per item). A block that starts inside a hidden element is skipped with everything in it.
 */
function collectLeafTexts(from: PlainTextSource, node: Nodes, lines: string[]): void {
  if (isHidden(node, from)) return;
  let text = '';
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      text = toInlineText(node.children, from).trim();
      break;
    case 'table':
      text = toTableText(from, node);
      break;
    case 'html':
      text = toHtmlText(from, spanOf(node))
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join('\n');
      break;
    case 'blockquote':
    case 'list':
    case 'listItem':
      for (const child of node.children) collectLeafTexts(from, child, lines);
      return;
    default:
      // Code goes to collectCode; thematic breaks and definitions have no text.
      return;
  }
  if (text !== '') lines.push(text);
}

function toTableText(from: PlainTextSource, table: Table): string {
  return table.children.map((row) => row.children.map((cell) => toInlineText(cell.children, from).replace(/\s+/g, ' ').trim()).join(' | ')).join('\n');
}

/** Text of raw HTML as published (comments and hidden parts already cut), tags dropped, entities decoded. */
function toHtmlText(from: PlainTextSource, span: SourceSpan): string {
  const html = applyEdits(from.source, from.edits, span.start, span.end);
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

/** A node whose markup starts inside a hidden element. */
function isHidden(node: Nodes, from: PlainTextSource): boolean {
  const start = node.position?.start.offset;
  return from.hiddenRanges.length > 0 && start !== undefined && findRange(from.hiddenRanges, start) !== undefined;
}
