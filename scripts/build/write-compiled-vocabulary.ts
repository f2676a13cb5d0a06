import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { compileVocabulary } from '../../src/search/vocabulary.js';

export interface WriteCompiledVocabularyOptions {
  /** The vocabulary.yaml to compile. */
  source: string;
  /** Where to write the JSON that `loadVocabulary` reads instead of the YAML while the two match. */
  target: string;
}

/** Parse and validate a vocabulary.yaml and write it as JSON; throws, writing nothing, when the file is not a valid vocabulary. */
export function writeCompiledVocabulary({ source, target }: WriteCompiledVocabularyOptions): void {
  const compiled = compileVocabulary(readFileSync(source, 'utf8'), source);
  mkdirSync(dirname(target), { recursive: true });
  // Written aside then renamed, so an interrupted build never leaves half a file where the server looks.
  const partial = `${target}.partial`;
  writeFileSync(partial, `${JSON.stringify(compiled)}\n`);
  renameSync(partial, target);
}
