import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { DATA_PATHS } from '../paths.js';
import { createErrorCatalogue, errorCatalogueFile, type ErrorCatalogue, type ErrorCatalogueFile } from './error-catalogue.js';
import { createQueryNames, platformNamesFile, spellingsFile, type PlatformNamesFile, type QueryNames, type SpellingsFile } from './query-names.js';

/** Words users type mapped to the words the docs use, and the words not worth matching. */
export interface Vocabulary {
  /** Lower-cased term or phrase → the words it also stands for (itself excluded), and how. */
  alternatives: ReadonlyMap<string, ReadonlyArray<{ text: string; kind: 'synonym' | 'expansion' }>>;
  stopWords: ReadonlySet<string>;
  /** Longest phrase in words, so the tokenizer knows how far to look ahead. */
  longestPhrase: number;
  /** The platform's names, Platform.sh-era names and spelling variants (platform-names.yaml, spellings.yaml). */
  names?: QueryNames;
  /** Error messages mapped to the sections that fix them (errors.yaml). */
  errors?: ErrorCatalogue;
}

/** The files beside vocabulary.yaml, each optional (a folder without them has no such knowledge). */
const EXTRA_FILES = { errors: 'errors.yaml', platformNames: 'platform-names.yaml', spellings: 'spellings.yaml' } as const;
type ExtraName = keyof typeof EXTRA_FILES;
const extraSchemas = { errors: errorCatalogueFile, platformNames: platformNamesFile, spellings: spellingsFile } as const;
interface ExtraData {
  errors?: ErrorCatalogueFile;
  platformNames?: PlatformNamesFile;
  spellings?: SpellingsFile;
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
const COMPILED_FORMAT = 2;

/** vocabulary.yaml parsed and validated at build time (`npm run build`), so start-up need not load `yaml`. */
export interface CompiledVocabulary {
  format: typeof COMPILED_FORMAT;
  /** sha256 of the YAML texts it was compiled from (vocabulary.yaml and the extra files): any other text, and the file is not used. */
  sourceSha256: string;
  vocabulary: VocabularyFile;
  extras: ExtraData;
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
  const extraTexts = readExtraTexts(dir);
  const sha256 = hashSource(yaml, extraTexts);
  const fromCompiled = readCompiledVocabulary(compiled, sha256);
  const parsed = fromCompiled?.vocabulary ?? parseVocabularyFile(yaml, file);
  const extras = fromCompiled?.extras ?? parseExtras(extraTexts, dir);
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
    names: createQueryNames(extras.platformNames, extras.spellings),
    errors: createErrorCatalogue(extras.errors ?? []),
  };
}

/** The extra files' texts, by name; a missing file is left out. */
function readExtraTexts(dir: string): Partial<Record<ExtraName, string>> {
  const texts: Partial<Record<ExtraName, string>> = {};
  for (const [name, file] of Object.entries(EXTRA_FILES) as Array<[ExtraName, string]>) {
    try {
      texts[name] = readFileSync(join(dir, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Could not read ${join(dir, file)}: ${(error as Error).message}`, { cause: error });
    }
  }
  return texts;
}

function parseExtras(texts: Partial<Record<ExtraName, string>>, dir: string): ExtraData {
  const extras: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(texts) as Array<[ExtraName, string]>) {
    const source = join(dir, EXTRA_FILES[name]);
    const result = extraSchemas[name].safeParse(parseYaml(text, source));
    if (!result.success) throw new Error(`${source} does not have the shape its header describes:\n${z.prettifyError(result.error)}`, { cause: result.error });
    extras[name] = result.data;
  }
  return extras as ExtraData;
}

/**
 * Parse and validate vocabulary.yaml for the build, which writes the result as JSON. `source` names the
 * file in errors, which are those `loadVocabulary` gives for the same text.
 */
export function compileVocabulary(text: string, source: string): CompiledVocabulary {
  const dir = dirname(source);
  const extraTexts = readExtraTexts(dir);
  return { format: COMPILED_FORMAT, sourceSha256: hashSource(text, extraTexts), vocabulary: parseVocabularyFile(text, source), extras: parseExtras(extraTexts, dir) };
}

function hashSource(text: string, extras: Partial<Record<ExtraName, string>>): string {
  const hash = createHash('sha256').update(text);
  for (const name of Object.keys(EXTRA_FILES) as ExtraName[]) hash.update(`\u0000${name}\u0000${extras[name] ?? ''}`);
  return hash.digest('hex');
}

/** The compiled vocabulary in `file` when it is one, in this format, compiled from the text hashed `sha256`. */
function readCompiledVocabulary(file: string, sha256: string): Pick<CompiledVocabulary, 'vocabulary' | 'extras'> | undefined {
  let compiled: Partial<CompiledVocabulary>;
  try {
    compiled = JSON.parse(readFileSync(file, 'utf8')) as Partial<CompiledVocabulary>;
  } catch (error) {
    // Not built (tests run from the sources, or tsc alone), or cut short: the YAML is the source of truth.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw new Error(`Could not read the compiled search vocabulary ${file}: ${(error as Error).message}`, { cause: error });
  }
  return compiled.format === COMPILED_FORMAT && compiled.sourceSha256 === sha256 && compiled.vocabulary && compiled.extras
    ? { vocabulary: compiled.vocabulary, extras: compiled.extras }
    : undefined;
}

// `yaml` is loaded only when no compiled file matches: importing it and parsing the file costs tens of
// milliseconds on a cold start, a large share of the stdio server's budget for its first answer (issue 4).
const requireCjs = createRequire(import.meta.url);

function parseYaml(text: string, source: string): unknown {
  const { parse } = requireCjs('yaml') as typeof import('yaml');
  try {
    return parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}

function parseVocabularyFile(text: string, source: string): VocabularyFile {
  const data = parseYaml(text, source);
  const result = vocabularyFile.safeParse(data);
  if (!result.success) {
    throw new Error(
      `${source} is not a search vocabulary (equivalents: lists of two or more words; expansions: word → list of words):\n${z.prettifyError(result.error)}`,
      { cause: result.error },
    );
  }
  return result.data;
}
