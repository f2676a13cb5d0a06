import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
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

/** Load `vocabulary.yaml` and `stopwords.txt` from a folder (data/search in the package). */
export function loadVocabulary(dir: string): Vocabulary {
  const parsed = vocabularyFile.parse(parseYaml(readFileSync(join(dir, 'vocabulary.yaml'), 'utf8')));
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
