import type { ParsedMarkdown } from './parse-markdown.js';
import type { TextEdit } from './text-edits.js';

/** What to cut from a page before anyone reads it. */
export interface HiddenMarkup {
  /** Removals and replacements: comments, `<script>`/`<style>` and hidden elements, `<br>`. */
  edits: TextEdit[];
  /** The hidden elements alone (`text` is ''): every node that starts inside one is gone too. */
  hiddenRanges: TextEdit[];
}

// A comment (possibly unterminated: CommonMark then runs the HTML block to the end), or a start/end tag.
const HTML_TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
/** Elements whose content is code or styling, never page text. */
const REMOVED_ELEMENTS = new Set(['script', 'style']);
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const HIDDEN_ATTRIBUTE = /(?:^|\s)hidden(?:\s|=|$)/i;
const DISPLAY_NONE = /\sstyle\s*=\s*(?:"[^"]*display\s*:\s*none[^"]*"|'[^']*display\s*:\s*none[^']*')/i;

interface OpenElement {
  name: string;
  depth: number;
  start: number;
  /** The element's start tag begins an HTML block, so the whole span can take its lines with it. */
  startsBlock: boolean;
}

/**
 * Find the markup a reader of the rendered page never sees, or that must not reach a model as page text:
 * HTML comments (also multi-line), `<script>` and `<style>` elements, elements with a `hidden` attribute or
 * `display: none` style; and turn `<br>` into a line break (a space inside a table cell, where a newline
 * would end the row). Only `html` nodes are looked at, so nothing inside code blocks or inline code is
 * touched. An element may open in one `html` node and close in a later one (Markdown in between), as
 * CommonMark splits `<div hidden>` … `</div>` at blank lines; the whole span goes.
 */
export function findHiddenMarkup(parsed: ParsedMarkdown): HiddenMarkup {
  const source = parsed.source;
  const edits: TextEdit[] = [];
  const hiddenRanges: TextEdit[] = [];
  let open: OpenElement | undefined;

  for (const mark of parsed.marks) {
    if (mark.kind !== 'html') continue;
    const { span: { start, end }, isBlock, inCellOrHeading } = mark;
    const nodeEdits: TextEdit[] = [];
    const slice = source.slice(start, end);
    for (const match of slice.matchAll(HTML_TOKEN)) {
      const tokenStart = start + (match.index ?? 0);
      const tokenEnd = tokenStart + match[0].length;
      const [, slash = '', rawName = '', attributes = '', selfClosing = ''] = match;
      const name = rawName.toLowerCase();
      if (open) {
        if (name !== open.name) continue;
        if (slash) open.depth--;
        else if (!selfClosing) open.depth++;
        if (open.depth === 0) {
          const restIsBlank = source.slice(tokenEnd, end).trim() === '';
          const rangeEnd = open.startsBlock && isBlock && restIsBlank ? swallowBlankLines(source, open.start, end) : tokenEnd;
          hiddenRanges.push({ start: open.start, end: rangeEnd, text: '' });
          open = undefined;
        }
        continue;
      }
      if (match[0].startsWith('<!--')) {
        nodeEdits.push({ start: tokenStart, end: tokenEnd, text: '' });
      } else if (!slash && (REMOVED_ELEMENTS.has(name) || HIDDEN_ATTRIBUTE.test(attributes) || DISPLAY_NONE.test(` ${attributes}`))) {
        if (VOID_ELEMENTS.has(name) || selfClosing) nodeEdits.push({ start: tokenStart, end: tokenEnd, text: '' });
        else open = { name, depth: 1, start: tokenStart, startsBlock: isBlock && tokenStart === start };
      } else if (name === 'br' && !isBlock) {
        nodeEdits.push({ start: tokenStart, end: tokenEnd, text: toLineBreak(source, tokenEnd, inCellOrHeading) });
      }
    }
    const closedHere = hiddenRanges.filter((range) => range.start >= start && range.start < end);
    if (isBlock && !open && nodeEdits.length + closedHere.length > 0 && isBlankAfter(slice, start, nodeEdits, closedHere)) {
      // Nothing of the block is left: drop its line and the blank lines after it, so removing a comment
      // does not leave a gap of empty lines.
      edits.push({ start, end: swallowBlankLines(source, start, end), text: '' });
    } else {
      edits.push(...nodeEdits);
    }
  }
  // An element never closed hides the rest of the page, as it would in a browser.
  if (open) hiddenRanges.push({ start: open.start, end: source.length, text: '' });
  return { edits: [...edits, ...hiddenRanges], hiddenRanges };
}

/**
 * A `<br>` that ends a line already has its line break; elsewhere it becomes one, except in a table cell
 * or a heading, which a newline would end.
 */
function toLineBreak(source: string, after: number, inCellOrHeading: boolean): string {
  if (inCellOrHeading) return ' ';
  return /^[ \t]*(?:\n|$)/.test(source.slice(after, after + 80)) ? '' : '\n';
}

/** True when an HTML block holds nothing but what the edits and hidden ranges remove. */
function isBlankAfter(slice: string, start: number, nodeEdits: TextEdit[], hiddenRanges: TextEdit[]): boolean {
  let rest = '';
  let cursor = start;
  const cuts = [...nodeEdits, ...hiddenRanges].sort((a, b) => a.start - b.start);
  for (const cut of cuts) {
    if (cut.start < cursor) continue;
    rest += slice.slice(cursor - start, cut.start - start) + cut.text;
    cursor = Math.min(cut.end, start + slice.length);
  }
  rest += slice.slice(cursor - start);
  return rest.trim() === '';
}

/**
 * The end of a removed block, extended over its line break and any blank lines after it, but only when
 * a blank line (or the start of the page) precedes it, so the blocks around it stay separated.
 */
function swallowBlankLines(source: string, start: number, end: number): number {
  const before = source.slice(Math.max(0, start - 200), start);
  if (!/(?:^|\n)[ \t]*\n[ \t]*$/.test(before) && before.trim() !== '') return end;
  const after = /^(?:[ \t]*\n)+/.exec(source.slice(end, end + 1000));
  return after ? end + after[0].length : end;
}
