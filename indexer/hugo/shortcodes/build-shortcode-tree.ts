import type { ShortcodeTag, ScannedItem } from './scan-shortcode-tags.js';

export type ShortcodeNode =
  /** `start` is the offset of the text in the scanned string, for warning lines. */
  | { kind: 'text'; text: string; start: number }
  | { kind: 'literal'; text: string }
  | { kind: 'malformed'; start: number; message: string }
  | { kind: 'orphan-close'; tag: ShortcodeTag }
  /** `children` is undefined for an inline tag, a list (maybe empty) for a paired one. */
  | { kind: 'shortcode'; tag: ShortcodeTag; children: ShortcodeNode[] | undefined; unclosed: boolean };

interface OpenFrame {
  tag: ShortcodeTag;
  children: ShortcodeNode[];
}

/**
 * Pair opening and closing tags into a tree, the way Hugo nests them: a closing tag closes the
 * nearest open tag of the same name, and tags left open in between were inline ones.
 * `needsClosing` tells which names must be paired, so an open one left at the end is flagged.
 */
export function buildShortcodeTree(text: string, items: ScannedItem[], needsClosing: (name: string) => boolean): ShortcodeNode[] {
  const root: ShortcodeNode[] = [];
  const stack: OpenFrame[] = [];
  const current = (): ShortcodeNode[] => stack[stack.length - 1]?.children ?? root;
  let pos = 0;
  for (const item of items) {
    if (item.start > pos) current().push({ kind: 'text', text: text.slice(pos, item.start), start: pos });
    pos = item.end;
    if (item.kind === 'malformed') {
      current().push({ kind: 'malformed', start: item.start, message: item.message });
      continue;
    }
    if (item.kind === 'escaped') {
      current().push({ kind: 'literal', text: item.literal });
      continue;
    }
    if (item.selfClosing) {
      current().push({ kind: 'shortcode', tag: item, children: [], unclosed: false });
      continue;
    }
    if (!item.closing) {
      stack.push({ tag: item, children: [] });
      continue;
    }
    const openIndex = findLastIndex(stack, (frame) => frame.tag.name === item.name);
    if (openIndex < 0) {
      current().push({ kind: 'orphan-close', tag: item });
      continue;
    }
    while (stack.length - 1 > openIndex) flattenTop(stack, root, needsClosing);
    const frame = stack.pop() as OpenFrame;
    current().push({ kind: 'shortcode', tag: frame.tag, children: frame.children, unclosed: false });
  }
  if (pos < text.length) current().push({ kind: 'text', text: text.slice(pos), start: pos });
  while (stack.length > 0) flattenTop(stack, root, needsClosing);
  return root;
}

/** An opening tag that never got its closer is inline: its would-be children become its following siblings. */
function flattenTop(stack: OpenFrame[], root: ShortcodeNode[], needsClosing: (name: string) => boolean): void {
  const frame = stack.pop() as OpenFrame;
  const parent = stack[stack.length - 1]?.children ?? root;
  parent.push({ kind: 'shortcode', tag: frame.tag, children: undefined, unclosed: needsClosing(frame.tag.name) }, ...frame.children);
}

function findLastIndex<T>(list: T[], predicate: (value: T) => boolean): number {
  for (let index = list.length - 1; index >= 0; index -= 1) if (predicate(list[index] as T)) return index;
  return -1;
}
