import { createKeyDocsFinder } from './find-docs-for-path.js';
import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import { readRecord } from './read-record.js';
import type { Finding, YamlPath } from './types.js';

/**
 * Warns about properties the schema marks with `deprecationMessage` (`size`, `resources`): they still
 * validate, but Upsun sets CPU, RAM and disk with `upsun resources:set`. Walks data and schema together
 * along `properties`/`additionalProperties`/`items`; union branches are not followed (none of the
 * deprecated properties sits inside one).
 */
export function checkDeprecatedProperties(
  data: unknown,
  schema: unknown,
  locate: (path: YamlPath) => TextPosition | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const finder = createKeyDocsFinder();
  const walk = (value: unknown, node: unknown, path: Array<string | number>) => {
    const schemaNode = readRecord(node);
    if (path.length > 0 && typeof schemaNode.deprecationMessage === 'string') {
      const key = String(path.at(-1));
      const docs = finder.findForPath(path);
      findings.push({
        severity: 'warning',
        code: 'deprecated-property',
        path: formatYamlPath(path),
        ...locate(path),
        message:
          `\`${key}\` is deprecated on Upsun: CPU, RAM and disk are set with \`upsun resources:set\`, not in ` +
          `\`.upsun/config.yaml\`. Remove \`${key}:\`.`,
        docs: docs?.docs ?? { path: 'manage-resources/adjust-resources.md', anchor: 'vertical-scaling' },
      });
      return;
    }
    if (Array.isArray(value)) {
      const items = schemaNode.items;
      if (typeof items === 'object' && items !== null) value.forEach((item, i) => walk(item, items, [...path, i]));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const properties = readRecord(schemaNode.properties);
    const additional = schemaNode.additionalProperties;
    for (const [key, child] of Object.entries(value)) {
      const childSchema = properties[key] ?? (typeof additional === 'object' ? additional : undefined);
      if (childSchema !== undefined) walk(child, childSchema, [...path, key]);
    }
  };
  walk(data, schema, []);
  return findings;
}
