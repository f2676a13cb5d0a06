import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { SCHEMA_VERSION, META_KEYS } from './schema.js';

/** What the meta table says about an index. */
export interface IndexMeta {
  schemaVersion: number;
  docsCommit: string;
  docsSource: string;
  builtAt: string;
  products: string[];
  pageCount: number;
  sectionCount: number;
  tokenizer: string;
  warningCount: number;
}

/** An index file opened for reading. */
export interface IndexHandle {
  file: string;
  db: Database.Database;
  meta: IndexMeta;
  close(): void;
}

/** The index is missing, unreadable or of another schema version; the message says how to fix it. */
export class IndexUnavailableError extends Error {
  override name = 'IndexUnavailableError';
}

/** The fix for a named index file; without --index and UPSUN_DOCS_INDEX the CLI reads the one bundled in the package. */
const rebuildHint = (file: string) => `Build it with \`upsun-docs-mcp index --out ${file}\`, or drop --index and UPSUN_DOCS_INDEX to read the index bundled in the package.`;

/**
 * Open an index read-only. Many processes (one per IDE window) may hold the same file open:
 * readers never write, and the indexer replaces the file by rename, never in place.
 */
export function openIndex(file: string): IndexHandle {
  if (!existsSync(file)) {
    throw new IndexUnavailableError(`No index at ${file}. ${rebuildHint(file)}`);
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new IndexUnavailableError(`Cannot open the index ${file}: ${(error as Error).message}. ${rebuildHint(file)}`, { cause: error });
  }
  try {
    const meta = readMeta(db, file);
    return { file, db, meta, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Open an index, or undefined when there is none this code can read (missing, corrupt, another schema
 * version): for callers to whom such a file is simply not there yet, such as a rebuild or a refresh.
 */
export function openIndexIfReadable(file: string): IndexHandle | undefined {
  try {
    return openIndex(file);
  } catch (error) {
    if (error instanceof IndexUnavailableError) return undefined;
    throw error;
  }
}

function readMeta(db: Database.Database, file: string): IndexMeta {
  let rows: Array<{ key: string; value: string }>;
  try {
    rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>;
  } catch (error) {
    throw new IndexUnavailableError(`${file} is not an upsun-docs-mcp index (${(error as Error).message}). ${rebuildHint(file)}`, { cause: error });
  }
  const values = new Map(rows.map((row) => [row.key, row.value]));
  const version = Number(values.get(META_KEYS.schemaVersion));
  if (version !== SCHEMA_VERSION) {
    throw new IndexUnavailableError(
      `The index ${file} has schema version ${values.get(META_KEYS.schemaVersion) ?? 'none'}, this server reads version ${SCHEMA_VERSION}. ${rebuildHint(file)}`,
    );
  }
  return {
    schemaVersion: version,
    docsCommit: values.get(META_KEYS.docsCommit) ?? '',
    docsSource: values.get(META_KEYS.docsSource) ?? '',
    builtAt: values.get(META_KEYS.builtAt) ?? '',
    products: JSON.parse(values.get(META_KEYS.products) ?? '[]') as string[],
    pageCount: Number(values.get(META_KEYS.pageCount) ?? 0),
    sectionCount: Number(values.get(META_KEYS.sectionCount) ?? 0),
    tokenizer: values.get(META_KEYS.tokenizer) ?? '',
    warningCount: Number(values.get(META_KEYS.warnings) ?? 0),
  };
}
