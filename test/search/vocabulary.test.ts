import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCompiledVocabulary } from '../../scripts/build/write-compiled-vocabulary.js';
import { DATA_PATHS } from '../../src/paths.js';
import { compileVocabulary, loadVocabulary, type CompiledVocabulary, type Vocabulary } from '../../src/search/vocabulary.js';

const shipped = readFileSync(join(DATA_PATHS.searchData, 'vocabulary.yaml'), 'utf8');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A new folder holding this vocabulary.yaml and the shipped stop words. */
function folderWith(yaml: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'vocabulary-'));
  folders.push(folder);
  writeFileSync(join(folder, 'vocabulary.yaml'), yaml);
  copyFileSync(join(DATA_PATHS.searchData, 'stopwords.txt'), join(folder, 'stopwords.txt'));
  return folder;
}

/** loadVocabulary over a folder holding this vocabulary.yaml, with the package's default compiled file. */
const load = (yaml: string): Vocabulary => loadVocabulary(folderWith(yaml));

/** The build step run on a vocabulary.yaml; the compiled file's path. */
function compile(yaml: string): string {
  const folder = folderWith(yaml);
  const target = join(folder, 'compiled/vocabulary.json');
  writeCompiledVocabulary({ source: join(folder, 'vocabulary.yaml'), target });
  return target;
}

const alternativesOf = (vocabulary: Vocabulary, word: string) => vocabulary.alternatives.get(word)?.map((a) => `${a.kind}:${a.text}`);

describe('the vocabulary compiled at build time', () => {
  it('gives the same vocabulary as the shipped vocabulary.yaml', () => {
    const fromYaml = loadVocabulary(DATA_PATHS.searchData, { compiled: join(folderWith(''), 'none.json') });
    // Compiled from the shipped folder itself: vocabulary.yaml and the files beside it (errors, names, spellings).
    const target = join(folderWith(''), 'compiled/vocabulary.json');
    writeCompiledVocabulary({ source: join(DATA_PATHS.searchData, 'vocabulary.yaml'), target });
    const fromCompiled = loadVocabulary(DATA_PATHS.searchData, { compiled: target });
    // The error catalogue is a matcher (functions): compared by what it matches.
    const { errors: compiledErrors, ...compiledData } = fromCompiled;
    const { errors: yamlErrors, ...yamlData } = fromYaml;
    expect(compiledData).toEqual(yamlData);
    const pasted = 'Warning: fopen(/app/x): failed to open stream: Read-only file system; npm ERR! code ENOSPC';
    expect(compiledErrors?.match(pasted).map((entry) => entry.concept)).toEqual(yamlErrors?.match(pasted).map((entry) => entry.concept));
    expect(compiledErrors?.match(pasted)).toHaveLength(2);
    expect(compiledData.names?.context.has('platform.sh')).toBe(true);
    expect(alternativesOf(fromCompiled, 'c#')).toContain('synonym:dotnet');
    expect(alternativesOf(fromCompiled, '502')).toEqual(['synonym:bad gateway']);
    expect(alternativesOf(fromCompiled, "let's encrypt")).toContain('synonym:ssl');
  });

  // Seen through a compiled file whose content was changed behind the hash's back.
  it('is what the server reads while it was compiled from the same YAML text', () => {
    const yaml = 'equivalents:\n  - [a, b]\nexpansions:\n  x: [y]\n';
    const target = compile(yaml);
    const compiled = JSON.parse(readFileSync(target, 'utf8')) as CompiledVocabulary;
    writeFileSync(target, JSON.stringify({ ...compiled, vocabulary: { equivalents: [['a', 'c']], expansions: {} } }));
    expect(alternativesOf(loadVocabulary(folderWith(yaml), { compiled: target }), 'a')).toEqual(['synonym:c']);
  });

  it('is ignored once the YAML changed after the build', () => {
    const target = compile('equivalents:\n  - [a, b]\nexpansions:\n  x: [y]\n');
    const edited = loadVocabulary(folderWith('equivalents:\n  - [a, c]\nexpansions:\n  x: [y]\n'), { compiled: target });
    expect(alternativesOf(edited, 'a')).toEqual(['synonym:c']);
  });

  it('is ignored when an older build wrote it in another format', () => {
    const yaml = 'equivalents:\n  - [a, b]\nexpansions:\n  x: [y]\n';
    const target = compile(yaml);
    const compiled = JSON.parse(readFileSync(target, 'utf8')) as CompiledVocabulary;
    writeFileSync(target, JSON.stringify({ ...compiled, format: 0, vocabulary: { equivalents: [['a', 'c']], expansions: {} } }));
    expect(alternativesOf(loadVocabulary(folderWith(yaml), { compiled: target }), 'a')).toEqual(['synonym:b']);
  });

  it('is not used for another folder: a custom folder gets its own vocabulary', () => {
    expect(alternativesOf(load('equivalents:\n  - [postgres, elephant]\nexpansions:\n  x: [y]\n'), 'postgres')).toEqual(['synonym:elephant']);
  });

  it('is not written for an invalid vocabulary, and the build says which file and what is wrong', () => {
    const folder = folderWith('equivalents:\n  - [a, b]\n  - [c]\nexpansions:\n  x: [y]\n');
    const target = join(folder, 'compiled/vocabulary.json');
    const build = () => writeCompiledVocabulary({ source: join(folder, 'vocabulary.yaml'), target });
    expect(build).toThrow(`${join(folder, 'vocabulary.yaml')} is not a search vocabulary`);
    expect(build).toThrow(/equivalents\[1\]/);
    expect(() => readFileSync(target)).toThrow(/ENOENT/);
  });

  it('fails on the same errors, with the same messages, as loading the YAML', () => {
    const invalid = ['equivalents:\n  - [a, true]\nexpansions:\n  x: [y]\n', 'equivalents: [a, b\n'];
    for (const yaml of invalid) {
      const folder = folderWith(yaml);
      const source = join(folder, 'vocabulary.yaml');
      const message = (run: () => unknown) => {
        try {
          run();
        } catch (error) {
          return (error as Error).message;
        }
        throw new Error(`No error for ${JSON.stringify(yaml)}`);
      };
      expect(message(() => compileVocabulary(yaml, source))).toBe(message(() => loadVocabulary(folder)));
    }
  });
});

describe('reading vocabulary.yaml', () => {
  it('words YAML reads as numbers are the numbers, as YAML writes them', () => {
    const yaml = 'equivalents:\n  - [v1, 1.10, 0x1F]\n  - [a, b]\nexpansions:\n  x: [y]\n';
    expect(alternativesOf(load(yaml), 'v1')).toEqual(['synonym:1.1', 'synonym:31']);
  });

  it('quotes, block lists and comments read as YAML reads them', () => {
    const yaml = [
      'equivalents:   # groups',
      '  - ["a, b", c]',
      '  - - d',
      '    - e',
      'expansions:',
      "  'f g': [h]  # one way",
    ].join('\n');
    const vocabulary = load(yaml);
    expect(alternativesOf(vocabulary, 'a, b')).toEqual(['synonym:c']);
    expect(alternativesOf(vocabulary, 'd')).toEqual(['synonym:e']);
    expect(alternativesOf(vocabulary, 'f g')).toEqual(['expansion:h']);
  });

  it('a group of one word is refused, with the path to it', () => {
    expect(() => load('equivalents:\n  - [a, b]\n  - [c]\nexpansions:\n  x: [y]\n')).toThrow(/vocabulary\.yaml is not a search vocabulary.*equivalents\[1\]/s);
  });

  it('a word YAML reads as true is refused', () => {
    expect(() => load('equivalents:\n  - [a, true]\nexpansions:\n  x: [y]\n')).toThrow(/expected a word, got true \(quote it/);
  });

  it('a key written twice is refused', () => {
    expect(() => load('equivalents:\n  - [a, b]\nexpansions:\n  x: [y]\n  x: [z]\n')).toThrow(/vocabulary\.yaml is not valid YAML: .*unique/is);
  });
});
