import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/tokens.js';
import { openTestEngine } from './open-test-engine.js';

const { engine, index } = openTestEngine();
afterAll(() => index.close());

const pagesOf = (query: string, options = {}) => engine.search({ query, limit: 5, ...options }).results.map((result) => result.path);

describe('search_docs ranking', () => {
  it('answers a paraphrased question with the section that explains it, anchored on docs.upsun.com', () => {
    const [first] = engine.search({ query: 'where can my Express app save user-uploaded images so they survive redeploys' }).results;
    expect(first?.path).toBe('create-apps/image-properties/mounts.md');
    expect(first?.url).toMatch(/^https:\/\/docs\.upsun\.com\/create-apps\/image-properties\/mounts\.html#[a-z0-9-]+$/);
    expect(first?.heading_path[0]).toMatch(/^mounts$/i);
  });

  it('finds config keys and environment variable names written as identifiers', () => {
    expect(pagesOf('web.commands.start')).toContain('create-apps/image-properties/web.md');
    const identifier = engine.search({ query: 'PLATFORM_RELATIONSHIPS', limit: 3 }).results;
    expect(identifier).toHaveLength(3);
    for (const result of identifier) expect(result.content).toContain('PLATFORM_RELATIONSHIPS');
  });

  it('matches the vocabulary users type to the words the docs use', () => {
    expect(pagesOf('pg extensions')).toContain('add-services/postgresql/_index.md');
    const [first] = engine.search({ query: 'env var for the database password' }).results;
    expect(first?.heading_path.join(' > ')).toMatch(/environment variables/i);
  });

  it("prefers the general page to a framework's or language's copy when the question names none", () => {
    // Either general page on the web server (the guide or the `web` key's reference), not a stack's copy.
    expect(['create-apps/web/_index.md', 'create-apps/image-properties/web.md']).toContain(pagesOf('configure web server')[0]);
    expect(pagesOf('configure the web server of my flask app')[0]).toBe('get-started/stacks/flask.md');
  });

  it('tolerates a typo in a word the docs never contain', () => {
    expect(pagesOf('moutns')).toContain('create-apps/image-properties/mounts.md');
  });

  it('keeps to the product and the top-level section asked for', () => {
    const platform = engine.search({ query: 'mounts', product: 'platformsh', limit: 5 }).results;
    expect(platform.length).toBeGreaterThan(0);
    expect(platform.every((result) => result.product === 'platformsh' && result.url.startsWith('https://fixed.docs.upsun.com/'))).toBe(true);
    const services = engine.search({ query: 'backup', section: 'add-services', limit: 5 }).results;
    expect(services.length).toBeGreaterThan(0);
    expect(services.every((result) => result.path.startsWith('add-services/'))).toBe(true);
  });

  it('returns at most two sections of one page, so other pages get a place', () => {
    const results = engine.search({ query: 'mounts', limit: 10 }).results;
    const counts = new Map<string, number>();
    for (const result of results) counts.set(result.path, (counts.get(result.path) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
  });

  it('marks the matched words in the snippet', () => {
    const [first] = engine.search({ query: 'crons paused preview environments' }).results;
    expect(first?.snippet).toMatch(/\*\*paused\*\*|\*\*pause/i);
  });
});

describe('search_docs token budget', () => {
  it('fills max_tokens with whole sections in rank order and says what it cut', () => {
    const response = engine.search({ query: 'configure a postgresql service and connect my app', limit: 10, maxTokens: 800 });
    expect(response.tokens).toBeLessThanOrEqual(800);
    const contentTokens = response.results.reduce((sum, result) => sum + estimateTokens(result.content), 0);
    expect(contentTokens).toBeLessThanOrEqual(800);
    expect(response.truncated.length).toBeGreaterThan(0);
    expect(response.results[0]?.content).not.toBe('');
  });

  it('never returns half a code block', () => {
    for (const maxTokens of [100, 300, 700, 1500]) {
      for (const result of engine.search({ query: 'mounts example yaml', limit: 5, maxTokens }).results) {
        const fences = result.content.split('\n').filter((line) => /^\s*(```|~~~)/.test(line)).length;
        expect(fences % 2, `odd fence count at max_tokens ${maxTokens} in ${result.url}`).toBe(0);
      }
    }
  });
});

describe('hostile queries', () => {
  const fts5Syntax = ['"', '*', '^', 'NEAR(', 'AND', 'OR', 'NOT', '-', '+', '(', ')', ':', '{', '}', "'", ';', '--', '/*', 'title:', '\\', '\u0000'];

  it('FTS5 operators, quotes and SQL fragments give results or an empty list, never an error', () => {
    const queries = ['"unbalanced', 'mounts*', 'NEAR(a b', 'a AND OR NOT b', '-mounts', '(((', "'; DROP TABLE pages; --", 'title:mounts', '^start', '{a b}: c', '""""', '*'];
    for (const query of queries) expect(() => engine.search({ query }), query).not.toThrow();
  });

  it('random strings mixed with FTS5 syntax never throw (property test)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...fts5Syntax), fc.string({ unit: 'binary' })), { maxLength: 12 }), (parts) => {
        const response = engine.search({ query: parts.join(' '), limit: 5 });
        expect(Array.isArray(response.results)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('10 KB of text, emoji and empty input answer quickly and cleanly', () => {
    const long = 'how do I configure mounts and relationships for postgres '.repeat(200);
    expect(engine.search({ query: long }).results.length).toBeGreaterThan(0);
    expect(engine.search({ query: '🚀🔥 deploy 🎉' }).results.length).toBeGreaterThan(0);
    expect(engine.search({ query: '' })).toMatchObject({ results: [], match: 'none' });
    expect(engine.search({ query: '   the of and   ' })).toMatchObject({ results: [], match: 'none' });
  });

  it('out-of-range limits and budgets are clamped, not rejected', () => {
    expect(engine.search({ query: 'mounts', limit: 1000 }).results.length).toBeLessThanOrEqual(20);
    expect(engine.search({ query: 'mounts', limit: -3 }).results.length).toBe(1);
    expect(engine.search({ query: 'mounts', maxTokens: Number.NaN }).tokens).toBe(0);
  });
});
