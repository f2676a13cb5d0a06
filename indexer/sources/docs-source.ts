/** A docs tree on disk, wherever it came from. */
export interface DocsSource {
  /** Root of the tree: the folder that holds sites/, shared/ and themes/. */
  root: string;
  /** Commit the tree was taken from, when known. */
  commit: string | null;
  /** Where it came from, for the index's meta table and messages (a path or a URL). */
  origin: string;
  /** Remove anything the source created (a temporary clone). Safe to call twice. */
  dispose(): void;
}
