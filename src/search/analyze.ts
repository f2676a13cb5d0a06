import { stemmer } from 'stemmer';

// Words as FTS5's unicode61 tokenizer sees them: runs of letters and digits, diacritics folded.
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-case, fold diacritics and split into words (no stemming). */
export function splitWords(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').match(WORD) ?? [];
}

/** The index term of a word: Porter-stemmed, as FTS5's `porter` tokenizer stems. */
export function stemWord(word: string): string {
  return /\d/.test(word) ? word : stemmer(word);
}

/** How words become index terms: stemmed (recall: "mounts" finds "mount") or as written (precision). */
export type Analyzer = 'stemmed' | 'exact';

/** Whether a word is worth indexing: lone letters carry no meaning in docs search, lone digits do. */
export function isIndexWord(word: string): boolean {
  return word.length > 1 || /\d/.test(word);
}
