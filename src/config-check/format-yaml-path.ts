import type { YamlPath } from './types.js';

/**
 * Writes a path the way a person reads it: `applications.app.mounts.web/uploads.source`,
 * `stack.runtimes[0]`. Keys that would be ambiguous in that notation or hard to read unquoted (dots,
 * spaces, quotes, brackets, colons and braces as in route URLs, a leading `/` as in locations, empty)
 * are double-quoted: `routes."https://{default}/".upstream`.
 */
export function formatYamlPath(path: YamlPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      continue;
    }
    const quoted = segment === '' || /^\/|[.\s"'[\]:{}]/.test(segment) ? `"${segment.replace(/"/g, '\\"')}"` : segment;
    text += text === '' ? quoted : `.${quoted}`;
  }
  return text;
}

/** Splits an ajv `instancePath` (a JSON Pointer, RFC 6901) into segments; array indices become numbers. */
export function readJsonPointer(pointer: string, data: unknown): Array<string | number> {
  if (pointer === '') return [];
  const segments: Array<string | number> = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      segments.push(Number(key));
      node = node[Number(key)];
    } else {
      segments.push(key);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}
