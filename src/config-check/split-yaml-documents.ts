import { loadYaml } from './load-yaml.js';

/** One document of a multi-document YAML text. */
export interface YamlDocumentText {
  /**
   * The whole input with everything outside this document blanked to spaces (line breaks kept), so lines and
   * columns found while parsing it are the lines and columns of the pasted text.
   */
  text: string;
  /** 1-based line where the document starts (its `---`, if any). */
  line: number;
}

export interface SplitYamlDocumentsOptions {
  /** Documents checked at most; the rest are counted in `leftOut`. Default 20. */
  maxDocuments?: number;
}

export interface SplitYamlDocuments {
  documents: YamlDocumentText[];
  /** Non-empty documents beyond `maxDocuments`. */
  leftOut: number;
}

/** A line that starts a document (`---`) or ends one (`...`), per YAML 1.2 §9.1. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t]|$)/m;

/**
 * Splits text pasted as several YAML documents (`.platform.app.yaml`, `services.yaml` and `routes.yaml`
 * separated by `---`) into one text per non-empty document. Text with no document marker is returned
 * as is, without a second parse. Syntax errors are left for the per-document parse to report.
 */
export function splitYamlDocuments(input: string, options: SplitYamlDocumentsOptions = {}): SplitYamlDocuments {
  const { maxDocuments = 20 } = options;
  if (!DOCUMENT_MARKER.test(input)) return { documents: [{ text: input, line: 1 }], leftOut: 0 };
  const parsed = loadYaml().parseAllDocuments(input);
  const all = Array.isArray(parsed) ? parsed : [];
  const { isScalar } = loadYaml();
  // A `---` with nothing after it parses as a document holding a null scalar: nothing to check.
  const isEmpty = (contents: unknown) => contents === null || (isScalar(contents) && contents.value === null);
  const nonEmpty = all.filter((doc) => !isEmpty(doc.contents) || doc.errors.length > 0);
  if (nonEmpty.length <= 1) return { documents: [{ text: input, line: 1 }], leftOut: 0 };
  const documents = nonEmpty.slice(0, maxDocuments).map((doc) => {
    const [start, , end] = doc.range;
    return { text: blankOutside(input, start, end), line: countLines(input, start) };
  });
  return { documents, leftOut: Math.max(0, nonEmpty.length - maxDocuments) };
}

function blankOutside(text: string, start: number, end: number): string {
  const blank = (part: string) => part.replace(/[^\r\n]/g, ' ');
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
