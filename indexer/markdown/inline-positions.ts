import { lineEnd, lineStart, type SourceLines } from './source-lines.js';

/** A range of the page source, end exclusive. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** Maps an offset in an inline token's `content` to the page source; undefined when it cannot be placed. */
export type ContentMapper = (offset: number) => number | undefined;

/**
 * Map offsets in the content of a paragraph or heading starting on `firstLine`. markdown-it builds that
 * content from the source lines with their block prefixes (indentation, `>`, list markers) and the heading
 * markers cut, then trims it, so each content line sits at the end of its source line, or before an ATX
 * closing sequence. A line that is not found (tabs expanded to spaces) maps nowhere.
 */
export function createContentMapper(lines: SourceLines, firstLine: number, content: string): ContentMapper {
  // The content line last mapped: offsets are asked for in nearly increasing order, so the scan for
  // line breaks resumes from there instead of from the start of the content.
  let line = firstLine;
  let lineOffset = 0;
  let lineEndOffset = -1;
  let base: number | undefined;
  return (offset) => {
    if (offset < lineOffset) {
      line = firstLine;
      lineOffset = 0;
      lineEndOffset = -1;
    }
    if (lineEndOffset < 0 || offset > lineEndOffset) {
      if (lineEndOffset >= 0) {
        // Step past the line break that ends the current line.
        line++;
        lineOffset = lineEndOffset + 1;
      }
      for (let at = content.indexOf('\n', lineOffset); at >= 0 && at < offset; at = content.indexOf('\n', at + 1)) {
        line++;
        lineOffset = at + 1;
      }
      const end = content.indexOf('\n', lineOffset);
      lineEndOffset = end < 0 ? content.length : end;
      base = findLineContent(lines, line, content.slice(lineOffset, lineEndOffset));
    }
    return base === undefined ? undefined : base + offset - lineOffset;
  };
}

function findLineContent(lines: SourceLines, line: number, text: string): number | undefined {
  const start = lineStart(lines, line);
  const candidate = lineEnd(lines, line) - text.length;
  if (candidate < start) return undefined;
  if (lines.source.startsWith(text, candidate)) return candidate;
  const found = lines.source.lastIndexOf(text, candidate);
  return found >= start ? found : undefined;
}

/**
 * The cells of a table row as markdown-it splits them (rules_block/table.mjs `escapedSplit`): at pipes
 * not preceded by a backslash, without the empty cells outside a leading and a trailing pipe, trimmed.
 */
export function splitTableRow(lines: SourceLines, line: number): SourceSpan[] {
  const { source } = lines;
  let start = lineStart(lines, line);
  let end = lineEnd(lines, line);
  // A row inside a blockquote starts after its `>` markers.
  while (start < end && (isBlank(source.charCodeAt(start)) || source[start] === '>')) start++;
  while (end > start && isBlank(source.charCodeAt(end - 1))) end--;
  const cells: SourceSpan[] = [];
  let cellStart = start;
  for (let at = source.indexOf('|', start); at >= 0 && at < end; at = source.indexOf('|', at + 1)) {
    if (source[at - 1] === '\\') continue;
    cells.push(trimSpan(source, cellStart, at));
    cellStart = at + 1;
  }
  cells.push(trimSpan(source, cellStart, end));
  if (cells[0] && cells[0].start === cells[0].end) cells.shift();
  const last = cells.at(-1);
  if (last && last.start === last.end) cells.pop();
  return cells;
}

function trimSpan(source: string, start: number, end: number): SourceSpan {
  let from = start;
  let to = end;
  // String#trim's whitespace, as markdown-it trims each cell.
  while (from < to && /\s/.test(source[from] ?? '')) from++;
  while (to > from && /\s/.test(source[to - 1] ?? '')) to--;
  return { start: from, end: to };
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Map offsets in a cell's content: the cell's source text with `\|` turned into `|`. */
export function createCellMapper(source: string, cell: SourceSpan, content: string): ContentMapper {
  const raw = source.slice(cell.start, cell.end);
  if (raw === content) return (offset) => cell.start + offset;
  if (raw.replace(/\\\|/g, '|') !== content) return () => undefined;
  return (offset) => {
    let at = 0;
    for (let i = 0; i < offset; i++) at += raw[at] === '\\' && raw[at + 1] === '|' ? 2 : 1;
    return cell.start + at;
  };
}

/** Map a content range [start, end) to the source; undefined when either end cannot be placed. */
export function mapRange(start: number, end: number, toSource: ContentMapper): SourceSpan | undefined {
  const from = toSource(start);
  const last = end > start ? toSource(end - 1) : from;
  if (from === undefined || last === undefined) return undefined;
  return { start: from, end: end > start ? last + 1 : from };
}
