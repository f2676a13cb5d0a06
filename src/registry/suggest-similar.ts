/** Options for {@link suggestSimilar}. */
export interface SuggestSimilarOptions {
  /** How many suggestions to return at most. Default 3. */
  limit?: number;
  /**
   * Largest edit distance still worth suggesting, as a fraction of the longer word's length.
   * Default 0.4: `mount` → `mounts` (1/6) and `nodjs` → `nodejs` (1/6) pass, `web` → `type` (3/4) does not.
   */
  maxRelativeDistance?: number;
}

/**
 * The candidates closest to `word` by Damerau–Levenshtein distance (a swap of two neighbours counts as
 * one edit, the most common typo), best first. Case-insensitive; a candidate that contains the word or
 * is contained in it (`relationship` → `relationships`) always qualifies.
 */
export function suggestSimilar(
  word: string,
  candidates: Iterable<string>,
  options: SuggestSimilarOptions = {},
): string[] {
  const { limit = 3, maxRelativeDistance = 0.4 } = options;
  const needle = word.toLowerCase();
  if (needle === '') return [];
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of new Set(candidates)) {
    const hay = candidate.toLowerCase();
    if (hay === needle) continue;
    const distance = measureEditDistance(needle, hay);
    const longest = Math.max(needle.length, hay.length);
    const contains = needle.length >= 3 && (hay.includes(needle) || needle.includes(hay)) && hay.length >= 3;
    if (distance / longest <= maxRelativeDistance || contains) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function measureEditDistance(a: string, b: string): number {
  // Three rolling rows keep memory at O(|b|); the words compared here are property and image names.
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2]! + 1);
      }
      current.push(value);
    }
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}
