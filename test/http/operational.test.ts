// The endpoints beside /mcp: health, llms.txt, the JSON search route and the landing page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rawRequest, startTestHttpServer, type TestHttpServer } from './start-http-server.js';

let server: TestHttpServer;
beforeAll(async () => {
  server = await startTestHttpServer();
});
afterAll(() => server.close());

describe('operational endpoints', () => {
  test('/healthz reports the loaded index: docs commit, build time and page counts, no file path', async () => {
    const response = await rawRequest(server.port, { method: 'GET', path: '/healthz' });
    expect(response.status).toBe(200);
    const { meta } = server.index.handle;
    expect(response.json()).toMatchObject({
      status: 'ok',
      index: { loaded: true, docsCommit: meta.docsCommit, builtAt: meta.builtAt, pages: meta.pageCount, sections: meta.sectionCount },
    });
    expect(response.text).not.toContain(meta.docsSource.startsWith('/') ? meta.docsSource : server.index.handle.file);
    expect(response.text).not.toContain(server.index.handle.file);
  });

  test('/llms.txt has a title, a summary and sections of "- [Title](url): description" lines for every page', async () => {
    const response = await rawRequest(server.port, { method: 'GET', path: '/llms.txt' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const lines = response.text.split('\n');
    expect(lines[0]).toBe('# Upsun documentation');
    expect(lines[2]).toMatch(/^> \S/);
    expect(lines.filter((line) => line.startsWith('## ')).length).toBeGreaterThan(10);
    const links = lines.filter((line) => line.startsWith('- '));
    expect(links.length).toBe(server.index.handle.meta.pageCount);
    for (const line of links) expect(line).toMatch(/^- \[[^\n]+\]\(https:\/\/(fixed\.)?docs\.upsun\.com\/[^\s)]*\)(: \S.*)?$/);
  });

  test('/api/search answers with titles, links and snippets from the same engine', async () => {
    const response = await rawRequest(server.port, { method: 'GET', path: '/api/search?q=persistent%20storage%20mounts&limit=3' });
    expect(response.status).toBe(200);
    const body = response.json() as { results: Array<{ url: string; title: string; snippet: string }> };
    expect(body.results).toHaveLength(3);
    expect(body.results[0]!.url).toMatch(/^https:\/\/docs\.upsun\.com\//);
    const engine = server.index.search.search({ query: 'persistent storage mounts', limit: 3 });
    expect(body.results.map((result) => result.url)).toEqual(engine.results.map((result) => result.url));
  });

  test('/api/search refuses a missing query and a bad limit with 400 and a message', async () => {
    const missing = await rawRequest(server.port, { method: 'GET', path: '/api/search' });
    expect(missing.status).toBe(400);
    expect((missing.json() as { error: string }).error).toMatch(/q/);
    const badLimit = await rawRequest(server.port, { method: 'GET', path: '/api/search?q=redis&limit=500' });
    expect(badLimit.status).toBe(400);
  });

  test('the landing page shows snippets with the host the visitor used', async () => {
    const response = await rawRequest(server.port, { method: 'GET', path: '/', headers: { host: `localhost:${server.port}` } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.text).toContain(`claude mcp add --transport http upsun-docs http://localhost:${server.port}/mcp`);
    expect(response.text).toContain('&quot;url&quot;: &quot;http://localhost:');
    expect(response.text).not.toMatch(/<(link|img|script)[^>]+(src|href)="https?:/);
  });

  test('unknown paths get 404 and other methods 405', async () => {
    expect((await rawRequest(server.port, { method: 'GET', path: '/wp-admin' })).status).toBe(404);
    expect((await rawRequest(server.port, { method: 'POST', path: '/healthz', body: '{}' })).status).toBe(405);
  });
});

describe('behind a trusted proxy', () => {
  let proxied: TestHttpServer;
  beforeAll(async () => {
    proxied = await startTestHttpServer({ trustProxy: 'x-client-ip' });
  });
  afterAll(() => proxied.close());

  test('the landing page uses the forwarded scheme and escapes whatever Host it is given', async () => {
    const response = await rawRequest(proxied.port, {
      method: 'GET',
      path: '/',
      headers: { host: 'docs.example.com"><script>alert(1)</script>', 'x-forwarded-proto': 'https' },
    });
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('<script>alert(1)');
    expect(response.text).toContain('https://docs.example.com&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/mcp');
  });
});
