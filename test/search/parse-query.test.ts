import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { parseQuery, splitCompound } from '../../src/search/parse-query.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

const vocabulary = loadVocabulary(join(PACKAGE_ROOT, 'data/search'));
const texts = (query: string) => parseQuery(query, vocabulary).map((concept) => concept.text);

describe('query parsing', () => {
  it('drops contractions, straight or curly, instead of matching them as identifiers', () => {
    expect(texts("the site isn't reachable, shouldn\u2019t it be?")).toEqual(['site', 'reachable']);
  });

  it("reads a possessive as its word: \"app's\" is \"app\"", () => {
    const [concept] = parseQuery("app's mounts", vocabulary);
    expect(concept).toMatchObject({ text: 'app', compound: false });
  });

  it('keeps identifiers whole', () => {
    expect(parseQuery('web.locations PLATFORM_APP_DIR', vocabulary).map((concept) => concept.compound)).toEqual([true, true]);
  });
});

describe('identifiers the docs never contain', () => {
  const [constant] = parseQuery('DNS_PROBE_FINISHED_NXDOMAIN', vocabulary);
  const [path] = parseQuery('/app/media/avatars', vocabulary);

  it('a constant gives its words', () => {
    expect(constant && splitCompound(constant, vocabulary).map((concept) => concept.text)).toEqual(['dns', 'probe', 'finished', 'nxdomain']);
  });

  it('a path, host name or address gives nothing: its words are names', () => {
    expect(path && splitCompound(path, vocabulary)).toEqual([]);
  });
});
