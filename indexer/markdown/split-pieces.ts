/**
 * Where a long page can be cut into pieces that parse, one by one, to exactly the blocks the whole page
 * parses to: micromark copies a page's whole event list each time a list item or quote closes, so its cost
 * grows with the square of the page (the 176,000-character CLI reference allocated a quarter of what the 288
 * Upsun pages allocate together), and it keeps all of a page's events alive until the end.
 *
 * A cut goes before an ATX heading (`#` in the first column) that follows a blank line: such a line closes
 * every open list item and quote (it is not indented, and a heading is never a lazy continuation line) and
 * every HTML block that ends at a blank line. What could still be open is refused: a fenced code block opened
 * with up to three spaces of indent and not yet closed, and an HTML block that runs to an end marker
 * (`-->`, `</pre>`, `?>`…) whose marker has not come. A page with a link reference definition is not cut at
 * all, as a definition serves the whole page.
 */

/** Offsets where pieces start: always 0 first; just [0] for a page not worth cutting. */
export function findPieceStarts(source: string, pieceChars: number): number[] {
  const starts = [0];
  if (source.length < 2 * pieceChars || DEFINITION_LIKE.test(source)) return starts;
  let fence: { char: string; length: number } | undefined;
  let previousBlank = true;
  for (let lineStart = 0; lineStart < source.length; ) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? source.length : newline;
    const line = source.slice(lineStart, lineEnd);
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence.char && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    } else if (marker && !(marker[0] === '`' && line.slice(line.indexOf(marker) + marker.length).includes('`'))) {
      fence = { char: marker[0] as string, length: marker.length };
    } else if (previousBlank && ATX_HEADING.test(line) && lineStart - (starts.at(-1) as number) >= pieceChars && source.length - lineStart >= pieceChars) {
      if (hasNoOpenHtmlBlock(source.slice(starts.at(-1), lineStart))) starts.push(lineStart);
    }
    previousBlank = /^[ \t]*$/.test(line);
    lineStart = lineEnd + 1;
  }
  return starts;
}

// `[label]:` at the start of a line, also in quotes and list items in any nesting: a possible link reference
// definition. A label may run over lines and has at most 999 characters (CommonMark §4.7), which also bounds the scan.
const DEFINITION_LIKE = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*\[[^\]]{0,999}\]:/m;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;

/** HTML blocks (CommonMark §4.6, kinds 1 to 5) that a blank line does not end, each with its end marker. */
const HTML_BLOCKS_TO_MARKER: Array<{ open: RegExp; close: RegExp }> = [
  { open: /<(?:script|pre|style|textarea)(?:[\s>]|$)/gi, close: /<\/(?:script|pre|style|textarea)>/gi },
  { open: /<!--/g, close: /-->/g },
  { open: /<\?/g, close: /\?>/g },
  { open: /<![A-Za-z]/g, close: />/g },
  { open: /<!\[CDATA\[/g, close: /\]\]>/g },
];

/**
 * True when every opening of such a block in `text` has an end marker after it: then none is open at the
 * end of `text` (a block ends at its first marker, so an open one would come after the last marker).
 */
function hasNoOpenHtmlBlock(text: string): boolean {
  return HTML_BLOCKS_TO_MARKER.every(({ open, close }) => {
    const opened = lastMatch(text, open);
    return opened < 0 || lastMatch(text, close) > opened;
  });
}

function lastMatch(text: string, pattern: RegExp): number {
  let last = -1;
  for (const match of text.matchAll(pattern)) last = match.index ?? last;
  return last;
}
