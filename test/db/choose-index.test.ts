// Which index a command reads when none is named: the user's (written by index/refresh) or the one bundled in
// the package, whichever was built later, skipping one this version cannot read. Real index files: copies of
// the run's test index, one re-stamped with another build time or schema version.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { chooseIndexFile } from '../../src/db/choose-index.js';
import { IndexUnavailableError } from '../../src/db/open-index.js';
import { META_KEYS } from '../../src/db/schema.js';

let dir: string;
let config: { indexFile: undefined; userIndexFile: string; bundledIndexFile: string };

beforeAll(() => {
  const indexError = inject('indexError');
  if (indexError) throw new Error(indexError);
  dir = mkdtempSync(join(tmpdir(), 'upsun-docs-choose-'));
  config = { indexFile: undefined, userIndexFile: join(dir, 'user.sqlite'), bundledIndexFile: join(dir, 'bundled.sqlite') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the test index at `file`, its meta row `key` set to `value`. */
function writeIndex(file: string, meta: Partial<Record<keyof typeof META_KEYS, string>> = {}): void {
  copyFileSync(inject('indexFile'), file);
  const db = new Database(file);
  for (const [key, value] of Object.entries(meta)) db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(value, META_KEYS[key as keyof typeof META_KEYS]);
  db.close();
}

describe('chooseIndexFile', () => {
  test('with neither index, fails naming both places and the command that builds one', () => {
    rmSync(config.userIndexFile, { force: true });
    rmSync(config.bundledIndexFile, { force: true });
    expect(() => chooseIndexFile(config)).toThrow(IndexUnavailableError);
    expect(() => chooseIndexFile(config)).toThrow(new RegExp(`${config.userIndexFile}.*${config.bundledIndexFile}.*upsun-docs-mcp index`));
  });

  test('reads the bundled index when the user has built none', () => {
    writeIndex(config.bundledIndexFile, { builtAt: '2026-01-01T00:00:00.000Z' });
    rmSync(config.userIndexFile, { force: true });
    expect(chooseIndexFile(config)).toBe(config.bundledIndexFile);
  });

  test("prefers the user's index when it was built after the bundled one", () => {
    writeIndex(config.bundledIndexFile, { builtAt: '2026-01-01T00:00:00.000Z' });
    writeIndex(config.userIndexFile, { builtAt: '2026-02-01T00:00:00.000Z' });
    expect(chooseIndexFile(config)).toBe(config.userIndexFile);
  });

  test("keeps the bundled index when the package is newer than the user's index (after an upgrade)", () => {
    writeIndex(config.bundledIndexFile, { builtAt: '2026-03-01T00:00:00.000Z' });
    writeIndex(config.userIndexFile, { builtAt: '2026-02-01T00:00:00.000Z' });
    expect(chooseIndexFile(config)).toBe(config.bundledIndexFile);
  });

  test('keeps the bundled index of both products over a newer user index of one (index --product upsun)', () => {
    writeIndex(config.bundledIndexFile, { builtAt: '2026-01-01T00:00:00.000Z' });
    writeIndex(config.userIndexFile, { builtAt: '2026-02-01T00:00:00.000Z', products: '["upsun"]' });
    expect(chooseIndexFile(config)).toBe(config.bundledIndexFile);
  });

  test('passes over a newer user index of a schema version this release cannot read', () => {
    writeIndex(config.bundledIndexFile, { builtAt: '2026-01-01T00:00:00.000Z' });
    writeIndex(config.userIndexFile, { builtAt: '2026-02-01T00:00:00.000Z', schemaVersion: '1' });
    expect(chooseIndexFile(config)).toBe(config.bundledIndexFile);
  });

  test('a named index (--index, UPSUN_DOCS_INDEX) wins, even one that is not there: its open then says so', () => {
    writeIndex(config.userIndexFile, { builtAt: '2026-02-01T00:00:00.000Z' });
    expect(chooseIndexFile(config, join(dir, 'named.sqlite'))).toBe(join(dir, 'named.sqlite'));
    expect(chooseIndexFile({ ...config, indexFile: join(dir, 'env.sqlite') })).toBe(join(dir, 'env.sqlite'));
  });
});
