// An index built for one product (`index --product upsun`) must say so when asked for the other, instead of
// "no results", which a model reads as "the docs do not cover it". A real copy of the test index whose meta
// lists one product.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { loadIndex, type LoadedIndex } from '../../src/docs/loaded-index.js';
import { META_KEYS } from '../../src/db/schema.js';
import { createDocsServerDeps } from '../../src/mcp/server-deps.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';
import { CLIENT_KINDS, firstText, type Connected } from './connect-clients.js';

let dir: string;
let index: LoadedIndex;
let connected: Connected;

beforeAll(async () => {
  const indexError = inject('indexError');
  if (indexError) throw new Error(indexError);
  dir = mkdtempSync(join(tmpdir(), 'upsun-docs-one-product-'));
  const file = join(dir, 'upsun-only.sqlite');
  copyFileSync(inject('indexFile'), file);
  const db = new Database(file);
  db.prepare('UPDATE meta SET value = ? WHERE key = ?').run('["upsun"]', META_KEYS.products);
  db.close();
  index = loadIndex(file, loadVocabulary(DATA_PATHS.searchData));
  const deps = createDocsServerDeps({
    getIndex: () => index,
    registry: loadImageRegistry(DATA_PATHS.imageRegistry),
    configSchema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    version: '0.0.0-test',
  });
  connected = await CLIENT_KINDS[0]!.connectInMemory(deps);
});

afterAll(async () => {
  await connected?.close();
  index?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('search_docs for a product the index does not hold says which it holds and how to get both', async () => {
  const result = await connected.client.callTool({ name: 'search_docs', arguments: { query: 'define a mount', product: 'platformsh' } });
  expect(result.isError).toBe(true);
  expect(firstText(result)).toContain('holds the upsun docs only, not platformsh');
  expect(firstText(result)).toContain('upsun-docs-mcp index');
});

test('search_docs for the product it holds answers as usual', async () => {
  const result = await connected.client.callTool({ name: 'search_docs', arguments: { query: 'define a mount', product: 'upsun' } });
  expect(result.isError, firstText(result)).toBeFalsy();
});
