import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Words users type mapped to the words the docs use, and the words not worth matching. */
export interface Vocabulary {
  /** Lower-cased term or phrase → the alternatives it also stands for (itself excluded). */
  alternatives: ReadonlyMap<string, readonly string[]>;
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
  const alternatives = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const key = from.toLowerCase();
    if (key === to.toLowerCase()) return;
    const set = alternatives.get(key) ?? new Set<string>();
    set.add(to.toLowerCase());
    alternatives.set(key, set);
  };
  for (const group of parsed.equivalents) for (const a of group) for (const b of group) add(a, b);
  for (const [from, tos] of Object.entries(parsed.expansions)) for (const to of tos) add(from, to);

  const stopWords = new Set(
    readFileSync(join(dir, 'stopwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .flatMap((line) => line.split(/\s+/))
      .filter(Boolean),
  );
  const longestPhrase = Math.max(1, ...[...alternatives.keys()].map((key) => key.split(' ').length));
  return {
    alternatives: new Map([...alternatives].map(([key, set]) => [key, [...set]])),
    stopWords,
    longestPhrase,
  };
}
