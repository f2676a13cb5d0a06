/** Longest extract, in characters. */
const SNIPPET_CHARS = 240;

/**
 * The extract of `text` around the densest run of matched words, with those words in **bold**.
 * Matching is by word prefix (at least 4 letters, or the whole word when shorter), which catches
 * the plural and verb forms that the index's stemmer also folds.
 */
export function makeSnippet(text: string, queryWords: string[]): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  const stems = [...new Set(queryWords.map((word) => word.toLowerCase()).map((word) => (word.length > 4 ? word.slice(0, Math.max(4, word.length - 2)) : word)))];
  const isMatch = (word: string) => {
    const lower = word.toLowerCase();
    return stems.some((stem) => (stem.length >= 4 ? lower.startsWith(stem) : lower === stem));
  };
  const words = [...flat.matchAll(/[\p{L}\p{N}]+/gu)];
  const hits = words.filter((word) => isMatch(word[0])).map((word) => word.index);
  let start = 0;
  if (hits.length > 0) {
    // Slide a window over the hits and keep the one holding the most of them.
    let best = 0;
    for (let i = 0, j = 0; i < hits.length; i++) {
      while ((hits[j] ?? 0) < (hits[i] ?? 0) - SNIPPET_CHARS + 40) j++;
      if (i - j + 1 > best) {
        best = i - j + 1;
        start = Math.max(0, (hits[j] ?? 0) - 40);
      }
    }
    const space = flat.lastIndexOf(' ', start);
    start = start === 0 ? 0 : space + 1;
  }
  let extract = flat.slice(start, start + SNIPPET_CHARS);
  if (start + SNIPPET_CHARS < flat.length) extract = `${extract.slice(0, extract.lastIndexOf(' ') > 0 ? extract.lastIndexOf(' ') : extract.length)}…`;
  if (start > 0) extract = `…${extract}`;
  return extract.replace(/[\p{L}\p{N}]+/gu, (word) => (isMatch(word) ? `**${word}**` : word));
}
