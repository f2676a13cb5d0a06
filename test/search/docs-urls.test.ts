import { afterAll, describe, expect, it } from 'vitest';
import { readDocsUrls } from '../../src/search/docs-urls.js';
import { openTestEngine } from './open-test-engine.js';

const { engine, index } = openTestEngine();
afterAll(() => index.close());

const pagesOf = (query: string) => engine.search({ query, limit: 5, maxTokens: 0 }).results.map((result) => `${result.path}#${result.anchor}`);

describe('a link to the docs in a question', () => {
  it('is read as the page it names and the words of its path, on every docs host, with or without a scheme', () => {
    expect(readDocsUrls('see https://docs.upsun.com/create-apps/image-properties/mounts.html#define-a-mount.')).toEqual({
      text: 'see  create apps image properties mounts ',
      links: [{ path: 'create-apps/image-properties/mounts', anchor: 'define-a-mount' }],
    });
    expect(readDocsUrls('docs.platform.sh/configuration/app/storage.html?lang=en is outdated').links).toEqual([{ path: 'configuration/app/storage' }]);
    expect(readDocsUrls('fixed.docs.upsun.com/create-apps.md, and https://docs.upsun.com/').links).toEqual([{ path: 'create-apps' }, { path: '' }]);
    // No link: the question is left as it is.
    const plain = 'where do uploads go? (mounts.html in my app)';
    expect(readDocsUrls(plain)).toEqual({ text: plain, links: [] });
  });

  it('puts the linked page first, or the linked section when the link has an anchor', () => {
    expect(pagesOf('the example on https://docs.upsun.com/create-apps/image-properties/mounts.html does not work for me')[0]).toMatch(/^create-apps\/image-properties\/mounts\.md#/);
    expect(pagesOf('the example on https://docs.upsun.com/add-services/redis.html#persistent-redis does not work with php')[0]).toBe('add-services/redis.md#persistent-redis');
    // An Upsun Fixed (Platform.sh) link finds the Upsun page with the same path.
    expect(pagesOf('https://fixed.docs.upsun.com/add-services/redis.html says something else')[0]).toMatch(/^add-services\/redis\.md#/);
  });

  it("falls back on the words of a link's path when the site no longer has that page (a Platform.sh-era URL)", () => {
    // Whole, the link was one identifier that no section holds, and the question found nothing.
    expect(pagesOf('https://docs.platform.sh/configuration/app/storage.html')[0]).toMatch(/^create-apps\/image-properties\/mounts\.md#/);
  });
});
