// The built CLI as a child process, the way an IDE runs it: `upsun-docs-mcp serve` over stdio.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { PAGE_URI_TEMPLATE } from '../../src/mcp/resources/page-resource.js';
import { CLIENT_KINDS, firstText, type Connected } from './connect-clients.js';

const cliEntry = inject('cliEntry');
const indexError = inject('indexError');
const serveArgs = [cliEntry, 'serve', '--index', inject('indexFile')];

describe.each(CLIENT_KINDS)('stdio server with the $name', (kind) => {
  let connected: Connected;
  beforeAll(async () => {
    if (indexError) throw new Error(indexError);
    connected = await kind.connectStdio(process.execPath, serveArgs);
  });
  afterAll(() => connected.close());

  test('negotiates the era of the client', () => {
    expect(connected.protocolVersion).toBe(kind.name.endsWith('2026-07-28') ? '2026-07-28' : '2025-11-25');
  });

  test('lists and calls every tool', async () => {
    const { tools } = await connected.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['search_docs', 'read_page', 'explain_config', 'list_versions']);
    const calls: Record<string, Record<string, unknown>> = {
      search_docs: { query: 'configure a cron job', limit: 2 },
      read_page: { path_or_url: 'https://docs.upsun.com/create-apps/image-properties/crons.html' },
      explain_config: { config: 'applications:\n  app:\n    type: python:3.13\n' },
      list_versions: { image: 'redis' },
    };
    for (const tool of tools) {
      const result = await connected.client.callTool({ name: tool.name, arguments: calls[tool.name] ?? {} });
      expect(result.isError, `${tool.name}: ${firstText(result)}`).toBeFalsy();
      expect(result.structuredContent).toBeTypeOf('object');
      expect(firstText(result).length).toBeGreaterThan(50);
    }
  });

  test('reads a page resource and completes a resource URI', async () => {
    const page = await connected.client.readResource({ uri: 'upsun-docs://upsun/create-apps/image-properties/crons.md' });
    expect((page.contents[0] as { text: string }).text).toContain('Source: https://docs.upsun.com/create-apps/image-properties/crons.html');
    const completion = await connected.client.complete({
      ref: { type: 'ref/resource', uri: PAGE_URI_TEMPLATE },
      argument: { name: 'path', value: 'add-services/redi' },
      context: { arguments: { product: 'upsun' } },
    });
    expect(completion.completion.values).toContain('add-services/redis.md');
  });

  test('gets the explain-config prompt', async () => {
    const prompt = await connected.client.getPrompt({ name: 'explain-config', arguments: { config: 'applications:\n  app:\n    type: nodejs:16\n' } });
    expect((prompt.messages[0]?.content as { text: string }).text).toContain('`nodejs:16` is retired');
    expect(prompt.messages.length).toBeGreaterThan(1);
  });
});

test('several servers (one per IDE window) serve the same index file at once', async () => {
  if (indexError) throw new Error(indexError);
  const servers = await Promise.all([...CLIENT_KINDS, ...CLIENT_KINDS].map((kind) => kind.connectStdio(process.execPath, serveArgs)));
  try {
    const results = await Promise.all(servers.map((server) => server.client.callTool({ name: 'search_docs', arguments: { query: 'environment variables', limit: 1 } })));
    expect(results.map((result) => result.isError ?? false)).toEqual([false, false, false, false]);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
});

describe('stdio server start-up failures', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'upsun-docs-stdio-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing index exits 1 with the command that builds it on stderr, and nothing on stdout', () => {
    const missing = join(dir, 'missing.sqlite');
    const run = spawnSync(process.execPath, [cliEntry, 'serve', '--index', missing], { input: '', encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `upsun-docs-mcp: No index at ${missing}. Build it with \`upsun-docs-mcp index --out ${missing}\`, or drop --index and UPSUN_DOCS_INDEX to read the index bundled in the package.\n`,
    );
  });

  test('a file that is not an index exits 1 with the fix, and nothing on stdout', () => {
    const bogus = join(dir, 'bogus.sqlite');
    writeFileSync(bogus, 'not a database');
    const run = spawnSync(process.execPath, [cliEntry, 'serve', '--index', bogus], { input: '', encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^upsun-docs-mcp: .*bogus\.sqlite.*Build it with `upsun-docs-mcp index --out .*bogus\.sqlite`/);
  });
});
