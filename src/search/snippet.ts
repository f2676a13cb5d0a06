/** Longest extract, in characters. */
const SNIPPET_CHARS = 240;
/** Only this much of a section is searched for the best window: the start of a section is where its point is. */
const SCAN_CHARS = 2_000;

/**
 * The extract of `text` around the densest run of matched words, with those words in **bold**.
 * Matching is by word prefix (at least 4 letters, or the whole word when shorter), which catches
 * the plural and verb forms that the index's stemmer also folds. Words are found with one simple
 * pattern and compared with plain string operations: a pattern built from the query (alternation
 * with look-behind and Unicode classes) cost a millisecond a section.
 */
export function makeSnippet(text: string, queryWords: string[]): string {
  return createSnippetMaker(queryWords)(text);
}

/** makeSnippet for many sections of one query: the query's words are prepared once. */
export function createSnippetMaker(queryWords: readonly string[]): (text: string) => string {
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
  // Words are compared in one lower-cased copy of the text, by offset, instead of slicing and lower-casing
  // each word (a string per word was a tenth of a search call), in plain loops (a closure per word was
  // another tenth). A letter whose lower case is longer (İ) would shift the offsets: such a text takes the
  // word-by-word path. The words are grouped by their first character, so a text word is compared with the
  // few that can match it, not with every word of a long question (the largest part of a snippet's cost).
  const exactByFirst = groupByFirst([...exact]);
  const prefixesByFirst = groupByFirst(prefixes);
  const matcherFor = (text: string): ((start: number, end: number) => boolean) => {
    const lower = text.toLowerCase();
    if (lower.length !== text.length) return (start, end) => isMatch(text.slice(start, end));
    return (start, end) => {
      const length = end - start;
      const first = lower.charCodeAt(start);
      if (length <= 3) {
        const exactWords = exactByFirst.get(first);
        if (exactWords) {
          for (let k = 0; k < exactWords.length; k++) {
            const word = exactWords[k] as string;
            if (word.length === length && lower.startsWith(word, start)) return true;
          }
        }
      }
      const candidates = prefixesByFirst.get(first);
      if (candidates) {
        for (let k = 0; k < candidates.length; k++) {
          const prefix = candidates[k] as string;
          if (prefix.length <= length && lower.startsWith(prefix, start)) return true;
        }
      }
      return false;
    };
  };
  return (text) => snippetOf(text, matcherFor);
}

/** Words by the code unit they start with, in their order. */
function groupByFirst(words: readonly string[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const word of words) {
    const first = word.charCodeAt(0);
    const group = groups.get(first);
    if (group) group.push(word);
    else groups.set(first, [word]);
  }
  return groups;
}

function snippetOf(text: string, matcherFor: (text: string) => (start: number, end: number) => boolean): string {
  // The extract is taken from the scanned text with each run of white space made one space and the ends
  // trimmed ("flat"). Flattening all of it (a regex replace over 2,000 characters) was the largest garbage of
  // a search, so the scan reads the text as it is and counts offsets as the flat text would have them; only
  // the extract's own stretch is flattened.
  const raw = text.slice(0, SCAN_CHARS);
  const matchesAt = matcherFor(raw);

  // Offsets of matched words in the flat text. Words are scanned by hand: a regex iterator allocating a
  // match object per word was the most expensive part of a search call.
  const hits: number[] = [];
  let flatLength = 0;
  for (let i = 0; i < raw.length; ) {
    const code = raw.charCodeAt(i);
    if (isSpace(code)) {
      while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
      // A run is one space, but none before the first character (trimmed); one after the last is trimmed below.
      if (flatLength > 0) flatLength++;
      continue;
    }
    if (!isWordChar(code)) {
      i++;
      flatLength++;
      continue;
    }
    let end = i + 1;
    while (end < raw.length && isWordChar(raw.charCodeAt(end))) end++;
    if (matchesAt(i, end)) hits.push(flatLength);
    flatLength += end - i;
    i = end;
  }
  if (flatLength === 0) return '';
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
  // From the start of the word at `start` (after the space before it), as the flat text's lastIndexOf(' ') finds it.
  let from = rawOffsetOf(raw, start);
  if (start > 0) {
    if (isSpace(raw.charCodeAt(from))) {
      while (from < raw.length && isSpace(raw.charCodeAt(from))) from++;
    } else {
      while (from > 0 && !isSpace(raw.charCodeAt(from - 1))) from--;
    }
  }
  const flatStart = start > 0 ? flatOffsetOf(raw, from) : 0;
  let extract = flattenFrom(raw, from, SNIPPET_CHARS);
  if (flatStart + SNIPPET_CHARS < text.length) {
    const space = extract.lastIndexOf(' ');
    extract = `${space > 0 ? extract.slice(0, space) : extract}…`;
  }
  if (flatStart > 0) extract = `…${extract}`;
  return hits.length === 0 ? extract : highlight(extract, matcherFor(extract));
}

/** The text with every word `matchesAt` accepts in **bold** (a regex replace called back per word cost more). */
function highlight(text: string, matchesAt: (start: number, end: number) => boolean): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    if (matchesAt(i, end)) {
      out += `${text.slice(copied, i)}**${text.slice(i, end)}**`;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Where the flat text's character at `flat` comes from in `raw` (a space: the first character of its run). */
function rawOffsetOf(raw: string, flat: number): number {
  let i = 0;
  while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
  for (let counted = 0; i < raw.length && counted < flat; counted++) {
    if (isSpace(raw.charCodeAt(i))) {
      while (i < raw.length && isSpace(raw.charCodeAt(i))) i++;
    } else {
      i++;
    }
  }
  return i;
}

/** The flat offset of a non-space character of `raw` (or of its end). */
function flatOffsetOf(raw: string, at: number): number {
  let i = 0;
  while (i < at && isSpace(raw.charCodeAt(i))) i++;
  let flat = 0;
  while (i < at) {
    if (isSpace(raw.charCodeAt(i))) {
      while (i < at && isSpace(raw.charCodeAt(i))) i++;
    } else {
      i++;
    }
    flat++;
  }
  return flat;
}

/** Up to `chars` characters of the flat text, from the non-space character of `raw` at `from`. */
function flattenFrom(raw: string, from: number, chars: number): string {
  let end = from;
  for (let counted = 0; end < raw.length && counted < chars; counted++) {
    if (isSpace(raw.charCodeAt(end))) {
      while (end < raw.length && isSpace(raw.charCodeAt(end))) end++;
    } else {
      end++;
    }
  }
  const stretch = raw.slice(from, end).replace(/\s+/g, ' ');
  // The flat text ends at the last character that is not a space.
  return end >= raw.length || !/\S/.test(raw.slice(end)) ? stretch.trimEnd() : stretch;
}

/** White space as `\s` matches it (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * Letters and digits of the Latin scripts the docs are written in: a test by code ranges, as Unicode
 * property classes made word matching the most expensive step of a search.
 */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f);
}
