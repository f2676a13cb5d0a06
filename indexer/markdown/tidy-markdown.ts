/**
 * Hugo-only syntax a reader of plain Markdown should not see: `{#custom-id}` heading attributes
 * (the id is kept as the section's anchor) and code-fence attributes. A fence's `location` or
 * `configFile` says which file the code belongs to, which the site shows as a label above the
 * block: it becomes a `File: …` line, so the model still knows where the snippet goes.
 */
export function tidyMarkdown(markdown: string, configFiles: Readonly<Record<string, string>>): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const opening = /^(\s*)(`{3,}|~{3,})\s*([\w+#.-]*)\s*\{([^}]*)\}\s*$/.exec(line);
    if (fence === null && opening) {
      const [, indent = '', marker = '```', language = '', attributes = ''] = opening;
      const file = readAttribute(attributes, 'location') ?? configFiles[readAttribute(attributes, 'configFile') ?? ''];
      if (file) out.push(`${indent}File: \`${file}\``, '');
      out.push(`${indent}${marker}${language}`);
      fence = marker;
      continue;
    }
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === null ? marker : null;
      out.push(line);
      continue;
    }
    out.push(fence === null && /^\s{0,3}#{1,6}\s/.test(line) ? line.replace(/\s*\{#[\w-]+\}\s*$/, '') : line);
  }
  return out.join('\n');
}

function readAttribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1];
}
