/** Longest search query taken from a symptom; longer text ranks on noise. */
const MAX_QUERY_CHARS = 300;

/** Words that mark the lines of a log that say what went wrong. */
const TELLING_LINE = /\b(error|errors|failed|failure|fatal|denied|refused|not found|no such|cannot|can't|unable|exception|timed? ?out|exit(?:ed)? (?:code|status)|killed|oom|out of memory|invalid|missing|warning)\b/i;

/**
 * A search query from what a user pasted: a short description is used as is; from a log excerpt, the
 * lines that say what failed (at most three), without timestamps and long hashes, which match nothing.
 */
export function toSymptomQuery(symptom: string): string {
  const text = symptom.trim();
  if (text.length <= MAX_QUERY_CHARS) return text;
  const telling = text
    .split('\n')
    .filter((line) => TELLING_LINE.test(line))
    .slice(0, 3)
    .map((line) =>
      line
        .replace(/^\s*\[?\d{4}-\d{2}-\d{2}[T ][\d:.,]+Z?\]?\s*/, '')
        .replace(/\b[0-9a-f]{12,}\b/gi, '')
        .trim(),
    );
  const query = (telling.length > 0 ? telling.join(' ') : text).replace(/\s+/g, ' ');
  return query.slice(0, MAX_QUERY_CHARS);
}
