/** Longest extract, in characters. */
const SNIPPET_CHARS = 240;
/** Only this much of a section is searched for the best window: the start of a section is where its point is. */
const SCAN_CHARS = 4_000;

/**
 * The extract of `text` around the densest run of matched words, with those words in **bold**.
 * Matching is by word prefix (at least 4 letters, or the whole word when shorter), which catches
 * the plural and verb forms that the index's stemmer also folds.
 */
export function makeSnippet(text: string, queryWords: string[]): string {
  const flat = text.slice(0, SCAN_CHARS).replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  const stems = [...new Set(queryWords.map((word) => word.toLowerCase()).filter((word) => /^[\p{L}\p{N}]+$/u.test(word)).map((word) => (word.length > 4 ? word.slice(0, Math.max(4, word.length - 2)) : word)))];
  // One alternation: a prefix stem may be followed by more letters, a short word must end there.
  const pattern = stems.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.map((stem) => (stem.length >= 4 ? `${stem}[\\p{L}\\p{N}]*` : `${stem}(?![\\p{L}\\p{N}])`)).join('|')})`, 'giu');

  let start = 0;
  if (pattern) {
    const hits = [...flat.matchAll(pattern)].map((match) => match.index);
    // Slide a window over the hits and keep the one holding the most of them.
    let best = 0;
    for (let i = 0, j = 0; i < hits.length; i++) {
      while ((hits[j] ?? 0) < (hits[i] ?? 0) - SNIPPET_CHARS + 40) j++;
      if (i - j + 1 > best) {
        best = i - j + 1;
        start = Math.max(0, (hits[j] ?? 0) - 40);
      }
    }
    start = start === 0 ? 0 : flat.lastIndexOf(' ', start) + 1;
  }
  let extract = flat.slice(start, start + SNIPPET_CHARS);
  if (start + SNIPPET_CHARS < text.length) {
    const space = extract.lastIndexOf(' ');
    extract = `${space > 0 ? extract.slice(0, space) : extract}…`;
  }
  if (start > 0) extract = `…${extract}`;
  return pattern ? extract.replace(pattern, (word) => `**${word}**`) : extract;
}
