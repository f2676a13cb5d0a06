import { splitWords } from './analyze.js';
import { applyQueryNames, EMPTY_QUERY_NAMES, type NamedToken } from './query-names.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * One thing the user asked about, with the other ways the docs may say it. Every alternative is a
 * list of words that must appear together, in order (a phrase), e.g. `.upsun/config.yaml` →
 * ["upsun", "config", "yaml"].
 */
export interface QueryConcept {
  /** What the user typed for it, lower-cased. */
  text: string;
  /** The user's own words first, then vocabulary alternatives. */
  alternatives: string[][];
  /** Where each alternative comes from, in the same order: the user, a synonym, a one-way expansion, a typo fix. */
  kinds: AlternativeKind[];
  /** An identifier-like token (dotted key, ENV_VAR, file name): matched as a phrase. */
  compound: boolean;
}

/** Longer input is cut: it cannot improve a ranking and would only cost time. */
export type AlternativeKind = 'own' | 'synonym' | 'expansion' | 'correction';

export const MAX_QUERY_CHARS = 1_000;
export const MAX_CONCEPTS = 24;

// A token starts with a letter, digit or a leading dot (`.upsun`, `.environment`) and may hold the
// punctuation of identifiers: web.locations, PLATFORM_APP_DIR, nodejs:24, .upsun/config.yaml.
const TOKEN = /\.?[\p{L}\p{N}_][\p{L}\p{N}_.\-/:@+#']*/gu;

/**
 * Turn a user's text into concepts to match. Never throws, whatever the input. The platform's own names
 * are context, not content: dropped, unless the query has nothing else (see data/search/platform-names.yaml).
 */
export function parseQuery(input: string, vocabulary: Vocabulary): QueryConcept[] {
  const tokens = (input.slice(0, MAX_QUERY_CHARS).toLowerCase().replace(/[\u2018\u2019]/gu, "'").match(TOKEN) ?? [])
    .map((token) => token.replace(/[.\-/:@+#']+$/u, ''));
  const concepts = parseTokens(applyQueryNames(tokens, vocabulary.names ?? EMPTY_QUERY_NAMES), vocabulary);
  return concepts.length > 0 ? concepts : parseTokens(tokens.map((token) => ({ token })), vocabulary);
}

function parseTokens(named: NamedToken[], vocabulary: Vocabulary): QueryConcept[] {
  const tokens = named.map(({ token }) => token);
  const concepts: QueryConcept[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length && concepts.length < MAX_CONCEPTS; ) {
    const phrase = matchPhrase(tokens, i, vocabulary);
    const token = tokens[i] ?? '';
    i += phrase?.length ?? 1;
    if (!phrase && (isNoise(token, vocabulary) || CONTRACTION.test(token))) continue;
    // An apostrophe makes a word, not an identifier: "app's" is "app".
    const text = phrase?.text ?? token.replace(/'s$/u, '');
    const words = splitWords(text);
    if (words.length === 0 || seen.has(text)) continue;
    const compound = words.length > 1 && !text.includes(' ') && !text.includes("'");
    if (!phrase && !compound && isNoise(text, vocabulary)) continue;
    seen.add(text);
    const alternatives = [words];
    const kinds: AlternativeKind[] = ['own'];
    for (const alternative of vocabulary.alternatives.get(text) ?? []) {
      const altWords = splitWords(alternative.text);
      if (altWords.length > 0 && !alternatives.some((a) => a.join(' ') === altWords.join(' '))) {
        alternatives.push(altWords);
        kinds.push(alternative.kind);
      }
    }
    concepts.push({ text, alternatives, kinds, compound });
  }
  return concepts;
}

/** "shouldn't", "we'll", "they've": chatter, whether or not the stop word list names it. */
const CONTRACTION = /[\p{L}]'(?:t|re|ve|ll|d|m)$/u;

/** The longest vocabulary entry starting at token i, if any (so "env var" is one concept). */
function matchPhrase(tokens: string[], i: number, vocabulary: Vocabulary): { text: string; length: number } | undefined {
  for (let length = Math.min(vocabulary.longestPhrase, tokens.length - i); length >= 1; length--) {
    const text = tokens.slice(i, i + length).join(' ');
    if (vocabulary.alternatives.has(text)) return { text, length };
  }
  return undefined;
}

function isNoise(word: string, vocabulary: Vocabulary): boolean {
  if (vocabulary.stopWords.has(word)) return true;
  // Lone letters carry no meaning in docs search; lone digits do (a port, a version).
  return word.length === 1 && !/\d/.test(word);
}

/**
 * The words of a constant or a hyphenated word (DNS_PROBE_FINISHED_NXDOMAIN, hugo-generated) as
 * concepts of their own, with their vocabulary, stop words and words holding digits dropped.
 * Paths, host names and addresses give nothing: their words are the user's own names.
 */
export function splitCompound(concept: QueryConcept, vocabulary: Vocabulary): QueryConcept[] {
  if (/[./@:]/u.test(concept.text)) return [];
  const words = (concept.alternatives[0] ?? []).filter((word) => !/\d/.test(word));
  return parseQuery(words.join(' '), vocabulary);
}
