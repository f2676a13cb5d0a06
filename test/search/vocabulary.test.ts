import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_PATHS, PACKAGE_ROOT } from '../../src/paths.js';
import { loadVocabulary, type Vocabulary } from '../../src/search/vocabulary.js';

const shipped = readFileSync(join(DATA_PATHS.searchData, 'vocabulary.yaml'), 'utf8');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** loadVocabulary over a folder holding this vocabulary.yaml and the shipped stop words. */
function load(yaml: string): Vocabulary {
  const folder = mkdtempSync(join(tmpdir(), 'vocabulary-'));
  folders.push(folder);
  writeFileSync(join(folder, 'vocabulary.yaml'), yaml);
  copyFileSync(join(DATA_PATHS.searchData, 'stopwords.txt'), join(folder, 'stopwords.txt'));
  return loadVocabulary(folder);
}

const alternativesOf = (vocabulary: Vocabulary, word: string) => vocabulary.alternatives.get(word)?.map((a) => `${a.kind}:${a.text}`);

describe('reading vocabulary.yaml', () => {
  // A `---` marker is the same YAML document, written in a way only the full YAML parser reads.
  it('the shipped file gives the same vocabulary as the full YAML parser', () => {
    const vocabulary = load(shipped);
    expect(vocabulary).toEqual(load(`---\n${shipped}`));
    expect(alternativesOf(vocabulary, 'c#')).toContain('synonym:dotnet');
    expect(alternativesOf(vocabulary, '502')).toEqual(['synonym:bad gateway']);
    expect(alternativesOf(vocabulary, "don't get")).toEqual(['expansion:inheritable']);
  });

  // The quick reader is a start-up figure (issue 4): the YAML parser costs ~90 ms cold. An edit of the file that
  // it declines still works, slower; this says so.
  it('the shipped file is read without loading the YAML parser', () => {
    const script = [
      `const { loadVocabulary } = await import(${JSON.stringify(join(PACKAGE_ROOT, 'dist/src/search/vocabulary.js'))});`,
      `loadVocabulary(${JSON.stringify(DATA_PATHS.searchData)});`,
      "const { createRequire } = await import('node:module');",
      "process.stdout.write(Object.keys(createRequire(process.cwd() + '/').cache).filter((file) => file.includes('/node_modules/yaml/')).length ? 'yaml loaded' : 'no yaml');",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('no yaml');
  });

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
    expect(() => load('equivalents:\n  - [a, b]\n  - [c]\nexpansions:\n  x: [y]\n')).toThrow(/equivalents.*1|too_small/s);
  });

  it('a word YAML reads as true is refused', () => {
    expect(() => load('equivalents:\n  - [a, true]\nexpansions:\n  x: [y]\n')).toThrow(/expected string/i);
  });

  it('a key written twice is refused', () => {
    expect(() => load('equivalents:\n  - [a, b]\nexpansions:\n  x: [y]\n  x: [z]\n')).toThrow(/unique/i);
  });
});
