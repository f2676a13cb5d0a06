import type { Nodes, RootContent, Table } from 'mdast';
import { applyEdits, isInRanges, type TextEdit } from './text-edits.js';

/** The page source with its edits, so HTML nodes are read as they will be published. */
export interface PlainTextSource {
  source: string;
  /** Sorted edits (see `sortEdits`). */
  edits: readonly TextEdit[];
  /** Sorted hidden elements: nodes starting inside them are skipped. */
  hiddenRanges: readonly TextEdit[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text of block nodes, as a reader sees it: paragraphs separated by blank lines, one list item or
 * table row per line, table cells separated by ` | `, code blocks left out (they go to `collectCode`),
 * inline code kept as text, links and images reduced to their text.
 */
export function toProse(nodes: readonly RootContent[], from: PlainTextSource): string {
  const blocks = nodes.map((node) => toBlockText(node, from)).filter((text) => text.trim() !== '');
  return blocks.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The contents of every code block among `nodes` (nested ones included), in order, without fences. */
export function collectCode(nodes: readonly RootContent[], from: PlainTextSource): string[] {
  const code: string[] = [];
  const walk = (node: Nodes): void => {
    if (isHidden(node, from)) return;
    if (node.type === 'code') code.push(node.value);
    else if ('children' in node) for (const child of node.children) walk(child);
  };
  for (const node of nodes) walk(node);
  return code;
}

/** Plain text of inline content, e.g. a heading's. */
export function toInlineText(nodes: readonly RootContent[], from: PlainTextSource): string {
  let text = '';
  for (const node of nodes) {
    if (isHidden(node, from)) continue;
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        text += node.value;
        break;
      case 'break':
        text += '\n';
        break;
      case 'html':
        text += toHtmlText(node, from);
        break;
      case 'image':
      case 'imageReference':
        text += node.alt ?? '';
        break;
      default:
        if ('children' in node) text += toInlineText(node.children, from);
    }
  }
  return text;
}

function toBlockText(node: RootContent, from: PlainTextSource): string {
  if (isHidden(node, from)) return '';
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return toInlineText(node.children, from).trim();
    case 'list':
      return node.children.map((item) => toBlockText(item, from)).filter((text) => text !== '').join('\n');
    case 'listItem':
    case 'blockquote':
    case 'footnoteDefinition':
      return node.children.map((child) => toBlockText(child, from)).filter((text) => text !== '').join('\n');
    case 'table':
      return toTableText(node, from);
    case 'html':
      return toHtmlText(node, from)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join('\n');
    case 'code':
    case 'definition':
    case 'thematicBreak':
    case 'yaml':
      return '';
    default:
      return 'children' in node ? toInlineText(node.children, from).trim() : '';
  }
}

function toTableText(table: Table, from: PlainTextSource): string {
  return table.children
    .map((row) => row.children.map((cell) => toInlineText(cell.children, from).replace(/\s+/g, ' ').trim()).join(' | '))
    .join('\n');
}

/** Text of raw HTML as published (comments and hidden parts already cut), tags dropped, entities decoded. */
function toHtmlText(node: RootContent, from: PlainTextSource): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  const html = applyEdits(from.source, from.edits, start, end);
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

function isHidden(node: Nodes, from: PlainTextSource): boolean {
  const start = node.position?.start.offset;
  return start !== undefined && from.hiddenRanges.length > 0 && isInRanges(from.hiddenRanges, start);
}
