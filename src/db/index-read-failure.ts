import Database from 'better-sqlite3';

/** Said to clients when the index cannot be read: no SQLite text, no file path (those go to the log). */
export const INDEX_UNREADABLE_MESSAGE =
  'The docs index is unavailable right now: the server cannot read it (it is damaged or was changed while open). ' +
  'Retry in a minute; if it persists, the server operator must rebuild it (`upsun-docs-mcp index`) or run `upsun-docs-mcp refresh`.';

/**
 * True for a failure of SQLite itself while reading an open index ("no such table", "database disk image is
 * malformed", I/O errors): the file changed under the reader. Not for errors of our own code.
 */
export function isIndexReadFailure(error: unknown): boolean {
  return error instanceof Database.SqliteError;
}

/** A read failure said safely: the message above, the SQLite error kept as the cause for logs. */
export class IndexUnreadableError extends Error {
  override name = 'IndexUnreadableError';
  constructor(cause: unknown) {
    super(INDEX_UNREADABLE_MESSAGE, { cause });
  }
}
