import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openIndex } from '../../src/db/open-index.js';
import { DATA_PATHS } from '../../src/paths.js';
import { parseQuery } from '../../src/search/parse-query.js';
import { renderSearchResults } from '../../src/search/render-results.js';
import { createSearchEngine } from '../../src/search/search-engine.js';
import { typoIndexKey } from '../../src/search/typo-index.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { openTestEngine } from './open-test-engine.js';

const { engine, index } = openTestEngine();
const vocabulary = loadVocabulary(DATA_PATHS.searchData);
const folders: string[] = [];
afterAll(() => {
  index.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const pagesOf = (query: string) => engine.search({ query, limit: 5, maxTokens: 0 }).results.map((result) => `${result.path}#${result.anchor}`);
const ownWords = (query: string) => parseQuery(query, vocabulary).map((concept) => concept.alternatives[0]?.join(' '));

describe('the platform and its old names', () => {
  it('reads the platform\'s names as context: the same answer with or without them', () => {
    // Read as content, "Platform.sh" pulls the migration guide (the one page that names the old brand) first.
    for (const name of ['on platform.sh', 'on Platform.SH', 'psh', 'with platformsh', 'on upsun', '[p.sh]']) {
      expect(pagesOf(`configure crons ${name}`)).toEqual(pagesOf('configure crons'));
      expect(pagesOf(`${name} environment variables`)).toEqual(pagesOf('environment variables'));
    }
  });

  it('keeps the platform\'s name when it is all the query holds', () => {
    expect(engine.search({ query: 'Platform.sh' }).results.length).toBeGreaterThan(0);
  });

  it('reads Platform.sh-era files and CLI commands as today\'s', () => {
    expect(ownWords('hooks in .platform.app.yaml')).toEqual(['hooks', 'upsun config yaml']);
    expect(ownWords('.platform/services.yaml')).toEqual(['upsun config yaml']);
    expect(pagesOf('platform db:size')).toEqual(pagesOf('upsun db:size'));
    expect(ownWords('platform ssh into the app')).toEqual(['ssh', 'app']);
  });
});

describe("an issue title's leading tag", () => {
  it('reads it as the subject: the service page comes before the commands that merely name it', () => {
    const firstTwo = engine.search({ query: '[Redis] keys disappear after a while, is that expected', limit: 2, maxTokens: 0 }).results.map((result) => result.path);
    expect(firstTwo).toContain('add-services/redis.md');
  });
});

describe('spelling and compound variants', () => {
  it('finds the same sections for the variants users write as for the docs\' spelling', () => {
    expect(pagesOf('writeable directory for the cache')).toEqual(pagesOf('writable directory for the cache'));
    expect(pagesOf('readonly filesystem')).toEqual(pagesOf('read-only file system'));
    expect(pagesOf('readonly filesystem')[0]).toBe('create-apps/image-properties/mounts.md#');
  });
});

describe('no good match', () => {
  it('says that nothing matches well for a topic the docs lack, before the closest sections', () => {
    for (const query of ['how do I bake sourdough bread', 'best recipe for chocolate cake', 'lorem ipsum dolor sit amet']) {
      const response = engine.search({ query });
      expect(response.weak, query).toBe(true);
      expect(renderSearchResults(response)).toMatch(/^No docs section matches .* well/);
    }
  });

  it('answers a question the docs cover without the warning', () => {
    for (const query of ['where can my app write files at runtime', 'Read-only file system', 'configure a cron job']) {
      const response = engine.search({ query });
      expect(response.weak, query).toBe(false);
      expect(renderSearchResults(response)).not.toMatch(/^No docs section matches/);
    }
  });
});

describe('warming the typo index', () => {
  it('loads it in the background, after which a misspelt query is corrected', async () => {
    const fresh = createSearchEngine({ index, vocabulary });
    await fresh.warm({ pauseMs: 0 });
    expect(fresh.search({ query: 'moutns', limit: 5 }).results.map((result) => result.path)).toContain('create-apps/image-properties/mounts.md');
  });

  it('never rejects: a typo index that cannot be read is reported by the query that needs it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'warm-'));
    folders.push(folder);
    const file = join(folder, 'index.sqlite');
    copyFileSync(inject('indexFile'), file);
    const writable = new Database(file);
    writable.prepare('UPDATE blobs SET value = ? WHERE key = ?').run(Buffer.from('{not json'), typoIndexKey('upsun'));
    writable.close();
    const broken = openIndex(file);
    try {
      const brokenEngine = createSearchEngine({ index: broken, vocabulary });
      await expect(brokenEngine.warm({ pauseMs: 0 })).resolves.toBeUndefined();
      expect(brokenEngine.search({ query: 'mounts' }).results.length).toBeGreaterThan(0);
      expect(() => brokenEngine.search({ query: 'moutns' })).toThrow(/search state cannot be loaded; rebuild it/);
    } finally {
      broken.close();
    }
  });
});
