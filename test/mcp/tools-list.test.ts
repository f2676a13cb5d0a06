import { afterAll, expect, test } from 'vitest';
import type { LoadedIndex } from '../../src/docs/loaded-index.js';
import { CLIENT_KINDS, openTestDeps } from './connect-clients.js';

let index: LoadedIndex;
afterAll(() => index?.close());

/**
 * The tools' names, descriptions, schemas and annotations are the contract hosts and models rely on.
 * A change here fails until the snapshot is regenerated (`npx vitest run test/mcp -u`) and reviewed as a diff.
 */
test('tools/list matches the reviewed contract, the same for both protocol eras', async () => {
  const opened = openTestDeps();
  index = opened.index;
  const lists = [];
  for (const kind of CLIENT_KINDS) {
    const connected = await kind.connectInMemory(opened.deps);
    lists.push((await connected.client.listTools()).tools);
    await connected.close();
  }
  expect(lists[1]).toEqual(lists[0]);
  await expect(`${JSON.stringify(lists[0], null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/tools-list.json');
});
