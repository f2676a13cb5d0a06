import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';

/** Words users type mapped to the words the docs use, and the words not worth matching. */
export interface Vocabulary {
  /** Lower-cased term or phrase → the words it also stands for (itself excluded), and how. */
  alternatives: ReadonlyMap<string, ReadonlyArray<{ text: string; kind: 'synonym' | 'expansion' }>>;
  stopWords: ReadonlySet<string>;
  /** Longest phrase in words, so the tokenizer knows how far to look ahead. */
  longestPhrase: number;
}

const vocabularyFile = z.object({
  equivalents: z.array(z.array(z.union([z.string(), z.number()]).transform(String)).min(2)),
  expansions: z.record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String))),
});

type VocabularyFile = z.infer<typeof vocabularyFile>;

/** Load `vocabulary.yaml` and `stopwords.txt` from a folder (data/search in the package). */
export function loadVocabulary(dir: string): Vocabulary {
  const parsed = readVocabularyFile(readFileSync(join(dir, 'vocabulary.yaml'), 'utf8'));
  const alternatives = new Map<string, Map<string, 'synonym' | 'expansion'>>();
  const add = (from: string, to: string, kind: 'synonym' | 'expansion') => {
    const key = from.toLowerCase();
    const text = to.toLowerCase();
    if (key === text) return;
    const map = alternatives.get(key) ?? new Map<string, 'synonym' | 'expansion'>();
    // A word listed both ways keeps the stronger, one-way expansion.
    if (map.get(text) !== 'expansion') map.set(text, kind);
    alternatives.set(key, map);
  };
  for (const group of parsed.equivalents) for (const a of group) for (const b of group) add(a, b, 'synonym');
  for (const [from, tos] of Object.entries(parsed.expansions)) for (const to of tos) add(from, to, 'expansion');

  const stopWords = new Set(
    readFileSync(join(dir, 'stopwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .flatMap((line) => line.split(/\s+/))
      .filter(Boolean),
  );
  const longestPhrase = Math.max(1, ...[...alternatives.keys()].map((key) => key.split(' ').length));
  return {
    alternatives: new Map([...alternatives].map(([key, map]) => [key, [...map].map(([text, kind]) => ({ text, kind }))])),
    stopWords,
    longestPhrase,
  };
}

// Loaded only when the quick reader below declines the file: importing `yaml` and parsing the file with it
// costs about 90 ms on a cold start, a third of the stdio server's budget for its first answer.
const requireCjs = createRequire(import.meta.url);

/**
 * Parse the vocabulary file. The file as written (flow lists of plain words under two keys) is read line by
 * line; anything else (quotes, block lists, odd indentation, a word YAML reads as a number, bool or null,
 * a short group, a repeated key) goes to the `yaml` parser and the schema, so the result and the errors
 * are the same as theirs.
 */
function readVocabularyFile(text: string): VocabularyFile {
  const quick = readPlainVocabulary(text);
  if (quick) return quick;
  const { parse } = requireCjs('yaml') as typeof import('yaml');
  return vocabularyFile.parse(parse(text));
}

const SECTION = /^(equivalents|expansions):(?: +#.*)? *$/;
const GROUP = /^( *)- \[([^[\]{}:]*)\](?: +#.*)? *$/;
const EXPANSION = /^( +)([^[\]{}:,]+): \[([^[\]{}:]*)\](?: +#.*)? *$/;
/** A plain scalar YAML keeps as a string; the YAML 1.2 core schema tests below catch the words it would not. */
const PLAIN_WORD = /^[A-Za-z0-9._/][A-Za-z0-9 ._/#'+-]*$/;
const CORE_NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** An integer that `String(number)` writes back unchanged (502, 413). */
const CANONICAL_INT = /^(?:0|[1-9][0-9]{0,14})$/;

function readPlainVocabulary(text: string): VocabularyFile | undefined {
  const equivalents: string[][] = [];
  const expansions: Record<string, string[]> = {};
  let section: 'equivalents' | 'expansions' | undefined;
  let indent: string | undefined;
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (/^ *(?:#.*)?$/.test(line)) continue;
    const header = SECTION.exec(line);
    if (header) {
      if (seen.has(header[1]!)) return undefined;
      section = header[1] as 'equivalents' | 'expansions';
      seen.add(section);
      indent = undefined;
      continue;
    }
    const item = section === 'equivalents' ? GROUP.exec(line) : section === 'expansions' ? EXPANSION.exec(line) : null;
    if (!item || (indent ??= item[1]) !== item[1]) return undefined;
    const words = readWords(item[item.length - 1]!);
    if (!words) return undefined;
    if (section === 'equivalents') {
      if (words.length < 2) return undefined;
      equivalents.push(words);
    } else {
      const key = readWords(item[2]!);
      if (key?.length !== 1 || Object.hasOwn(expansions, key[0]!) || key[0] === '__proto__') return undefined;
      expansions[key[0]!] = words;
    }
  }
  return seen.size === 2 && equivalents.length > 0 && Object.keys(expansions).length > 0 ? { equivalents, expansions } : undefined;
}

/** The words of a flow list's inside, or undefined when one is not a plain word. */
function readWords(list: string): string[] | undefined {
  const words = list.split(',').map((word) => word.replace(/^ +| +$/g, ''));
  const plain = (word: string) =>
    PLAIN_WORD.test(word) && !/ #/.test(word) && (CANONICAL_INT.test(word) || !CORE_NON_STRING.some((test) => test.test(word)));
  return words.every(plain) ? words : undefined;
}
