import { createKeyDocsFinder } from './find-docs-for-path.js';
import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import { readRecord } from './read-record.js';
import type { DocsRef, Finding, YamlPath } from './types.js';

/** Advice for one deprecated property: what replaces it, in the docs' terms, and where that is explained. */
interface DeprecationAdvice {
  severity: Finding['severity'];
  message(key: string): string;
  docs: DocsRef;
}

const WEB = 'create-apps/image-properties/web.md';
const RESOURCES: DeprecationAdvice = {
  severity: 'warning',
  message: (key) =>
    `\`${key}\` is deprecated on Upsun: CPU, RAM and disk are set with \`upsun resources:set\`, not in ` +
    `\`.upsun/config.yaml\`. Remove \`${key}:\` and set the resources with the CLI.`,
  docs: { path: 'manage-resources/adjust-resources.md', anchor: 'vertical-scaling' },
};

/** The Platform.sh-era `web` shorthands: each has a home under `web.locations` (`web.md#locations`). */
const moveToLocation = (target: string): DeprecationAdvice => ({
  severity: 'warning',
  message: (key) =>
    `\`web.${key}\` is the deprecated shorthand for ${target}. Keep what it does: move the value there ` +
    '(`web.locations` takes precedence when both are set); deleting it alone changes what the app serves.',
  docs: { path: WEB, anchor: 'locations' },
});

/**
 * Keyed by generic path (`*` = a name the user picks). The schema's own `deprecationMessage` is used when
 * it says what replaces the property; most just say "Deprecated", so the replacement comes from the docs.
 */
const ADVICE: Readonly<Record<string, DeprecationAdvice>> = {
  'applications.*.size': RESOURCES,
  'applications.*.resources': RESOURCES,
  'applications.*.workers.*.size': RESOURCES,
  'applications.*.workers.*.resources': RESOURCES,
  'services.*.size': RESOURCES,
  'services.*.resources': RESOURCES,
  'applications.*.web.document_root': moveToLocation("`root` of the `'/'` location (`web.locations['/'].root`)"),
  'applications.*.web.passthru': moveToLocation("`passthru` of the `'/'` location (`web.locations['/'].passthru`)"),
  'applications.*.web.index_files': moveToLocation("`index` of a location (`web.locations['/'].index`)"),
  'applications.*.web.expires': moveToLocation("`expires` of a location (`web.locations['/'].expires`)"),
  'applications.*.web.whitelist': moveToLocation('`rules` of a location with `allow: true` (and `allow: false` for the rest)'),
  'applications.*.web.blacklist': moveToLocation('`rules` of a location with `allow: false`'),
  'applications.*.web.move_to_root': moveToLocation('the `root` of each location'),
  'services.*.access': {
    severity: 'info',
    message: (key) =>
      `\`${key}\` is deprecated in the Upsun config schema and has no replacement in \`.upsun/config.yaml\`; ` +
      'it still validates. Check what it was set for before removing it.',
    docs: { path: 'add-services/_index.md', anchor: 'service-options' },
  },
};

/**
 * Reports properties the schema marks with `deprecationMessage`. Each gets the advice written for that
 * property; one the table doesn't know gets the schema's own message. Walks data and schema together along
 * `properties`/`additionalProperties`/`items`; union branches are not followed (none of the deprecated
 * properties sits inside one).
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
      findings.push(describeDeprecated(path, schemaNode.deprecationMessage, finder.findForPath(path)?.docs, locate));
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

function describeDeprecated(
  path: YamlPath,
  schemaMessage: string,
  keyDocs: DocsRef | undefined,
  locate: (path: YamlPath) => TextPosition | undefined,
): Finding {
  const key = String(path.at(-1));
  const where = { path: formatYamlPath(path), ...locate(path) };
  const advice = findAdvice(path);
  if (advice) return { severity: advice.severity, code: 'deprecated-property', ...where, message: advice.message(key), docs: advice.docs };
  // Not in the table: the schema's message is the only source that knows this property.
  const said = schemaMessage.replace(/\s+/g, ' ').trim();
  const informative = said !== '' && said.toLowerCase() !== 'deprecated';
  return {
    severity: 'warning',
    code: 'deprecated-property',
    ...where,
    message: informative
      ? `\`${key}\` is deprecated: ${said.replace(/^deprecated,?\s*/i, '')}`
      : `\`${key}\` is deprecated in the Upsun config schema. It still validates; check the docs for what replaces it before removing it.`,
    ...(keyDocs ? { docs: keyDocs } : {}),
  };
}

function findAdvice(path: YamlPath): DeprecationAdvice | undefined {
  if (path.at(-1) === 'cmd' && path.at(-3) === 'crons') return CRON_CMD;
  for (const [pattern, advice] of Object.entries(ADVICE)) {
    const parts = pattern.split('.');
    if (parts.length === path.length && parts.every((part, i) => part === '*' || part === String(path[i]))) return advice;
  }
  return undefined;
}

/** The schema says "please use `commands.start` instead" (`crons.md#cron-commands`). */
const CRON_CMD: DeprecationAdvice = {
  severity: 'warning',
  message: () =>
    '`cmd` is deprecated: move the command to `commands.start` (`commands: {start: <the same command>}`). ' +
    'Keep the command itself: a cron without one has nothing to run.',
  docs: { path: 'create-apps/image-properties/crons.md', anchor: 'cron-commands' },
};
