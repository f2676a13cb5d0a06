import { suggestSimilar } from '../registry/suggest-similar.js';
import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import { readRecord } from './read-record.js';
import type { Finding, YamlPath } from './types.js';

export const TOP_LEVEL_KEYS = ['applications', 'services', 'routes'] as const;

/**
 * The schema allows any top-level key, but Upsun merges only `applications`, `services` and `routes` from
 * the files in `.upsun/` and ignores the rest (`learn/overview/yaml/yaml-structure.md#top-level-keys`). A
 * near miss (`application:`) silently drops an app, so it is a warning; anything else (anchor holders such
 * as `x-defaults:`) is only noted.
 */
export function checkTopLevelKeys(data: unknown, locate: (path: YamlPath) => TextPosition | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const key of Object.keys(readRecord(data))) {
    if ((TOP_LEVEL_KEYS as readonly string[]).includes(key)) continue;
    const [suggestion] = suggestSimilar(key, TOP_LEVEL_KEYS, { limit: 1 });
    findings.push({
      severity: suggestion ? 'warning' : 'info',
      code: 'unknown-top-level-key',
      path: formatYamlPath([key]),
      ...locate([key]),
      message:
        `Upsun ignores the top-level key \`${key}\`: only \`applications\`, \`services\` and \`routes\` are read.` +
        (suggestion ? ` Did you mean \`${suggestion}\`?` : ''),
      docs: { path: 'learn/overview/yaml/yaml-structure.md', anchor: 'top-level-keys' },
    });
  }
  return findings;
}
