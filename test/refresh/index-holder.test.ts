// The holder on its own: what it does with a replacement that cannot be served, and when it closes the old index.
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createIndexHolder } from '../../src/docs/index-holder.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

let dir: string;
beforeAll(() => {
  const buildError = inject('indexError');
  if (buildError) throw new Error(buildError);
  dir = mkdtempSync(join(tmpdir(), 'upsun-docs-holder-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vocabulary = () => loadVocabulary(DATA_PATHS.searchData);

/** Publish a file the way the indexer does: write beside, rename over. */
function publish(file: string, write: (temp: string) => void): void {
  const temp = `${file}.incoming`;
  write(temp);
  renameSync(temp, file);
}

test('a replacement that is not an index, or of another schema version, is logged and the old one keeps serving', () => {
  const file = join(dir, 'bad.sqlite');
  copyFileSync(inject('indexFile'), file);
  const logged: string[] = [];
  const holder = createIndexHolder(file, { vocabulary: vocabulary(), log: (line) => logged.push(line), checkIntervalMs: 0 });
  try {
    const serving = holder.current();
    publish(file, (temp) => writeFileSync(temp, 'not a database'));
    expect(holder.current()).toBe(serving);
    expect(logged.at(-1)).toMatch(/could not be opened, still serving/);
    // Logged once per file, not on every request.
    holder.current();
    expect(logged).toHaveLength(1);

    publish(file, (temp) => {
      copyFileSync(inject('indexFile'), temp);
      const db = new Database(temp);
      db.prepare("UPDATE meta SET value = '999' WHERE key = 'schema_version'").run();
      db.close();
    });
    expect(holder.current()).toBe(serving);
    expect(logged.at(-1)).toMatch(/schema version 999/);
    expect(serving.search.search({ query: 'cron job', limit: 1 }).results).toHaveLength(1);

    publish(file, (temp) => copyFileSync(inject('indexFile'), temp));
    expect(holder.current()).not.toBe(serving);
    expect(logged.at(-1)).toMatch(/switched to the index built at/);
  } finally {
    holder.close();
  }
});

test('looks at the file at most once per interval, and closes a replaced index only after the close delay', async () => {
  const file = join(dir, 'timing.sqlite');
  copyFileSync(inject('indexFile'), file);
  let clock = 0;
  const holder = createIndexHolder(file, { vocabulary: vocabulary(), log: () => {}, checkIntervalMs: 1_000, closeDelayMs: 50, now: () => clock });
  try {
    const old = holder.current();
    publish(file, (temp) => copyFileSync(inject('indexFile'), temp));
    clock += 999;
    expect(holder.current()).toBe(old);
    clock += 1;
    const fresh = holder.current();
    expect(fresh).not.toBe(old);
    // A request that took the old index just before the swap can still read it.
    expect(old.handle.db.open).toBe(true);
    expect(old.pages.listPages({ afterId: 0, limit: 1 })).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(old.handle.db.open).toBe(false);
    expect(fresh.handle.db.open).toBe(true);
  } finally {
    holder.close();
  }
});
