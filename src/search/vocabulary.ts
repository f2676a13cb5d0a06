import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_PATHS } from '../paths.js';

/** Words users type mapped to the words the docs use, and the words not worth matching. */
export interface Vocabulary {
  /** Lower-cased term or phrase → the words it also stands for (itself excluded), and how. */
  alternatives: ReadonlyMap<string, ReadonlyArray<{ text: string; kind: 'synonym' | 'expansion' }>>;
  stopWords: ReadonlySet<string>;
  /** Longest phrase in words, so the tokenizer knows how far to look ahead. */
  longestPhrase: number;
}

// YAML reads some plain words as numbers (502, 1.10); they stand for the word YAML writes back.
const word = z
  .union([z.string(), z.number()], { error: (issue) => `expected a word, got ${JSON.stringify(issue.input)} (quote it to keep it as text)` })
  .transform(String);
const vocabularyFile = z.object({
  equivalents: z.array(z.array(word).min(2)),
  expansions: z.record(z.string(), z.array(word)),
});

type VocabularyFile = z.infer<typeof vocabularyFile>;

/**
 * Version of the compiled file's layout. Bump it when `CompiledVocabulary` or the schema above changes, so
 * that a file compiled by an older build is ignored rather than misread (the hash only covers the YAML).
 */
const COMPILED_FORMAT = 1;

/** vocabulary.yaml parsed and validated at build time (`npm run build`), so start-up need not load `yaml`. */
export interface CompiledVocabulary {
  format: typeof COMPILED_FORMAT;
  /** sha256 of the YAML text it was compiled from: any other text, and the file is not used. */
  sourceSha256: string;
  vocabulary: VocabularyFile;
}

export interface LoadVocabularyOptions {
  /**
   * The compiled vocabulary to use when it was compiled from this folder's vocabulary.yaml, byte for byte;
   * otherwise (missing, stale, another folder's) the YAML is parsed. Default: the one `npm run build` writes.
   */
  compiled?: string;
}

/** Load `vocabulary.yaml` and `stopwords.txt` from a folder (data/search in the package). */
export function loadVocabulary(dir: string, { compiled = DATA_PATHS.compiledVocabulary }: LoadVocabularyOptions = {}): Vocabulary {
  const file = join(dir, 'vocabulary.yaml');
  const yaml = readFileSync(file, 'utf8');
  const parsed = readCompiledVocabulary(compiled, hashSource(yaml)) ?? parseVocabularyFile(yaml, file);
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

/**
 * Parse and validate vocabulary.yaml for the build, which writes the result as JSON. `source` names the
 * file in errors, which are those `loadVocabulary` gives for the same text.
 */
export function compileVocabulary(text: string, source: string): CompiledVocabulary {
  return { format: COMPILED_FORMAT, sourceSha256: hashSource(text), vocabulary: parseVocabularyFile(text, source) };
}

function hashSource(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The compiled vocabulary in `file` when it is one, in this format, compiled from the text hashed `sha256`. */
function readCompiledVocabulary(file: string, sha256: string): VocabularyFile | undefined {
  let compiled: Partial<CompiledVocabulary>;
  try {
    compiled = JSON.parse(readFileSync(file, 'utf8')) as Partial<CompiledVocabulary>;
  } catch (error) {
    // Not built (tests run from the sources, or tsc alone), or cut short: the YAML is the source of truth.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw new Error(`Could not read the compiled search vocabulary ${file}: ${(error as Error).message}`, { cause: error });
  }
  return compiled.format === COMPILED_FORMAT && compiled.sourceSha256 === sha256 ? compiled.vocabulary : undefined;
}

// `yaml` is loaded only when no compiled file matches: importing it and parsing the file costs tens of
// milliseconds on a cold start, a large share of the stdio server's budget for its first answer (issue 4).
const requireCjs = createRequire(import.meta.url);

function parseVocabularyFile(text: string, source: string): VocabularyFile {
  const { parse } = requireCjs('yaml') as typeof import('yaml');
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const result = vocabularyFile.safeParse(data);
  if (!result.success) {
    throw new Error(
      `${source} is not a search vocabulary (equivalents: lists of two or more words; expansions: word → list of words):\n${z.prettifyError(result.error)}`,
      { cause: result.error },
    );
  }
  return result.data;
}
