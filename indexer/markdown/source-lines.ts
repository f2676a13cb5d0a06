/** Offsets of line starts in a text: the line numbers markdown-it's token `map`s use, turned into offsets. */
export interface SourceLines {
  source: string;
  /** Offset where each 0-based line starts. */
  starts: number[];
}

/** Index the lines of `source` (split at `\n`; the caller has normalized `\r\n` and `\r`). */
export function indexLines(source: string): SourceLines {
  const starts = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
  return { source, starts };
}

/** Offset of the start of `line`; the end of the source for a line past the last one. */
export function lineStart(lines: SourceLines, line: number): number {
  return lines.starts[line] ?? lines.source.length;
}

/** Offset of the end of `line`, before its line break. */
export function lineEnd(lines: SourceLines, line: number): number {
  const next = lines.starts[line + 1];
  return next === undefined ? lines.source.length : next - 1;
}

/** Offset of the first character of `line` that is not a space or tab (where a block's markup begins). */
export function firstCharOf(lines: SourceLines, line: number): number {
  const end = lineEnd(lines, line);
  let at = lineStart(lines, line);
  while (at < end && (lines.source[at] === ' ' || lines.source[at] === '\t')) at++;
  return at;
}

/** The 0-based line holding `offset`. */
export function findLine(lines: SourceLines, offset: number): number {
  let low = 0;
  let high = lines.starts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((lines.starts[mid] as number) <= offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
