/**
 * A long pasted log reduced to what says what went wrong: its first line (usually the user's own words or
 * the command that failed) and the lines that hold an error, without stack frames and progress output.
 * The words of a build log's other lines (package names, paths, versions, timings) are not what to look up.
 */

/** Shorter text is a question, not a log: kept whole. */
const LOG_MIN_CHARS = 300;
/** At most this many error lines are kept, the first ones: later ones mostly follow from the first. */
const MAX_ERROR_LINES = 6;

// Words with which runtimes, shells and package managers report a failure (Node.js, PHP, Python, npm,
// Composer, bash, nginx, the kernel): a line holding one tells what went wrong.
const ERROR_LINE = /\b(?:error|errors|fatal|failed|failure|fails|exception|warning|denied|refused|cannot|can't|could not|unable|not found|no such|killed|exhausted|timed out|timeout|not writable|read-only|errno|exit (?:code|status))\b/iu;
// An errno or npm error code as printed, in capitals: ENOENT, EACCES, ELIFECYCLE.
const ERROR_CODE = /\bE[A-Z]{3,}\b/u;
// Stack frames: "    at fn (file.js:1:2)", "#0 /app/vendor/...", 'File "/app/x.py", line 3', "  in /app/x.php:12".
const STACK_FRAME = /^\s*(?:at\s+\S+.*[:(]\d+|#\d+\s+\S|File\s+".*",\s+line\s+\d+|in\s+\/\S+:\d+)/u;

/** The text when it is short, else its first line and its error lines (see the module comment). */
export function reduceLog(text: string, holdsMessage: (line: string) => boolean): string {
  if (text.length < LOG_MIN_CHARS) return text;
  const lines = text
    .split(/\r?\n|(?<=[.!?])\s+(?=[A-Z])/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length < 3) return text;
  const [first, ...rest] = lines;
  const errors = rest.filter((line) => !STACK_FRAME.test(line) && (holdsMessage(line) || ERROR_LINE.test(line) || ERROR_CODE.test(line)));
  // Lines holding a catalogued message first: they are the ones that name the cause.
  const picked = [...errors.filter(holdsMessage), ...errors.filter((line) => !holdsMessage(line))].slice(0, MAX_ERROR_LINES);
  if (picked.length === 0) return text;
  const keep = new Set(picked);
  return [first, ...rest.filter((line) => keep.has(line))].join('\n');
}
