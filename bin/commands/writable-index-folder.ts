import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Make sure the folder of an index about to be written exists and can be written, before minutes of
 * fetching and building: SQLite's own failure ("unable to open database file") names neither the file
 * nor the fix.
 */
export function assertWritableIndexFolder(file: string): void {
  const folder = dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(
      `Cannot write the index ${file}: the folder ${folder} is not writable (${reason}). ` +
        'Pass --out FILE in a folder you can write to, or set XDG_DATA_HOME (or UPSUN_DOCS_INDEX) to such a place.',
      { cause: error },
    );
  }
}
