/** Longest extract, in characters. */
const SNIPPET_CHARS = 240;
/** Only this much of a section is searched for the best window: the start of a section is where its point is. */
const SCAN_CHARS = 2_000;
// Letters and digits of the Latin scripts the docs are written in; without the `u` flag and Unicode
// property classes, which made this the most expensive step of a search.
const WORD = /[0-9A-Za-z\u00C0-\u024F]+/g;

/**
 * The extract of `text` around the densest run of matched words, with those words in **bold**.
 * Matching is by word prefix (at least 4 letters, or the whole word when shorter), which catches
 * the plural and verb forms that the index's stemmer also folds. Words are found with one simple
 * pattern and compared with plain string operations: a pattern built from the query (alternation
 * with look-behind and Unicode classes) cost a millisecond a section.
 */
export function makeSnippet(text: string, queryWords: string[]): string {
  const flat = text.slice(0, SCAN_CHARS).replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const word of new Set(queryWords.map((w) => w.toLowerCase()))) {
    if (word.length > 4) prefixes.push(word.slice(0, Math.max(4, word.length - 2)));
    else if (word.length === 4) prefixes.push(word);
    else exact.add(word);
  }
  const isMatch = (word: string) => {
    const lower = word.toLowerCase();
    return exact.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix));
  };
  // The scan compares in one lower-cased copy of the text, by offset, instead of slicing and lower-casing
  // each word (a string per word was a tenth of a search call). A letter whose lower case is longer
  // (İ) would shift the offsets: such a text takes the word-by-word path.
  // Plain loops, not `some` and `slice`: a closure or a string per word scanned was a tenth of a search's garbage.
  const lower = flat.toLowerCase();
  const exactWords = [...exact];
  const matchesAt = lower.length === flat.length
    ? (start: number, end: number) => {
        const length = end - start;
        if (length <= 3) {
          for (let k = 0; k < exactWords.length; k++) {
            const word = exactWords[k] as string;
            if (word.length === length && lower.startsWith(word, start)) return true;
          }
        }
        for (let k = 0; k < prefixes.length; k++) {
          const prefix = prefixes[k] as string;
          if (prefix.length <= length && lower.startsWith(prefix, start)) return true;
        }
        return false;
      }
    : (start: number, end: number) => isMatch(flat.slice(start, end));

  const hits: number[] = [];
  // Words are scanned by hand: a regex iterator allocating a match object per word was the most
  // expensive part of a search call.
  for (let i = 0; i < flat.length; ) {
    if (!isWordChar(flat.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < flat.length && isWordChar(flat.charCodeAt(end))) end++;
    if (matchesAt(i, end)) hits.push(i);
    i = end;
  }
  let start = 0;
  // Slide a window over the hits and keep the one holding the most of them.
  let best = 0;
  for (let i = 0, j = 0; i < hits.length; i++) {
    while ((hits[j] ?? 0) < (hits[i] ?? 0) - SNIPPET_CHARS + 40) j++;
    if (i - j + 1 > best) {
      best = i - j + 1;
      start = Math.max(0, (hits[j] ?? 0) - 40);
    }
  }
  if (start > 0) start = flat.lastIndexOf(' ', start) + 1;
  let extract = flat.slice(start, start + SNIPPET_CHARS);
  if (start + SNIPPET_CHARS < text.length) {
    const space = extract.lastIndexOf(' ');
    extract = `${space > 0 ? extract.slice(0, space) : extract}…`;
  }
  if (start > 0) extract = `…${extract}`;
  return hits.length === 0 ? extract : extract.replace(WORD, (word) => (isMatch(word) ? `**${word}**` : word));
}

/** Letters and digits of the Latin scripts the docs are written in (the same set as WORD). */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f);
}
