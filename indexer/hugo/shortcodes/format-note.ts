/**
 * An admonition as a Markdown blockquote: `> **Title**`, an empty quoted line, then the body.
 * `title` 'none' (the theme's convention) or '' means no title line.
 */
export function formatNote(title: string | undefined, body: string): string {
  const lines: string[] = [];
  const heading = title === undefined ? 'Note' : title.trim();
  if (heading !== '' && heading !== 'none') lines.push(`**${heading}**`, '');
  lines.push(...trimBlankLines(body).split('\n'));
  return lines.map((line) => (line.trim() === '' ? '>' : `> ${line}`)).join('\n');
}

/** Remove leading and trailing blank lines, keeping the indentation of the first real line. */
export function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/(?:\r?\n[ \t]*)+$/, '').replace(/^[ \t]*$/, '');
}
