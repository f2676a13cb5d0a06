/** Replace `source.slice(start, end)` with `text`; offsets are into the page's Markdown. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Order edits by offset and drop any that overlap an earlier, wider one (a link inside a removed hidden
 * element, say), so they can be applied to any slice of the source in one pass.
 */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: TextEdit[] = [];
  let reached = 0;
  for (const edit of sorted) {
    if (edit.start < reached) continue;
    kept.push(edit);
    reached = Math.max(reached, edit.end);
  }
  return kept;
}

/**
 * The text of `source` between `from` and `to` with every edit that lies wholly inside the slice applied.
 * `edits` must come from `sortEdits`.
 */
export function applyEdits(source: string, edits: readonly TextEdit[], from: number, to: number): string {
  let out = '';
  let cursor = from;
  for (let i = findFirstEditAt(edits, from); i < edits.length; i++) {
    const edit = edits[i] as TextEdit;
    if (edit.start >= to) break;
    if (edit.end > to) continue;
    out += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + source.slice(cursor, to);
}

/** Index of the first edit starting at or after `offset` (binary search; edits are sorted). */
function findFirstEditAt(edits: readonly TextEdit[], offset: number): number {
  let low = 0;
  let high = edits.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((edits[mid] as TextEdit).start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** True when `offset` falls inside one of the sorted, non-overlapping `ranges`. */
export function isInRanges(ranges: readonly TextEdit[], offset: number): boolean {
  return findRange(ranges, offset) !== undefined;
}

/** The one of the sorted, non-overlapping `ranges` that `offset` falls inside, if any. */
export function findRange(ranges: readonly TextEdit[], offset: number): TextEdit | undefined {
  const range = ranges[findFirstEditAt(ranges, offset + 1) - 1];
  return range !== undefined && offset >= range.start && offset < range.end ? range : undefined;
}
