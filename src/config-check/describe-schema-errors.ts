import type { ErrorObject } from 'ajv';
import { suggestSimilar } from '../registry/suggest-similar.js';
import { createKeyDocsFinder, type KeyDocsFinder } from './find-docs-for-path.js';
import { formatYamlPath, readJsonPointer } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import type { DocsRef, Finding, YamlPath } from './types.js';

export interface DescribeSchemaErrorsContext {
  data: unknown;
  locate(path: YamlPath): TextPosition | undefined;
}

const RESOURCES_DOCS: DocsRef = { path: 'manage-resources/adjust-resources.md', anchor: 'vertical-scaling' };
const APP_PROPERTIES_DOCS: DocsRef = {
  path: 'create-apps/app-reference/single-runtime-image.md',
  anchor: 'primary-application-properties',
};
const TOP_LEVEL_DOCS: DocsRef = { path: 'learn/overview/yaml/yaml-structure.md', anchor: 'top-level-keys' };

/** What to write when a required property is missing, keyed by property name. */
const MISSING_HINTS: Readonly<Record<string, string>> = {
  to: 'the URL to send visitors to, for example `to: "https://{default}/"`',
  upstream: 'the app that serves the route, for example `upstream: "myapp:http"`',
  source: 'the mount type: `storage`, `instance`, `tmp` or `service`',
  type: 'the image and version, for example `type: "nodejs:24"`',
  command: 'the shell command to run',
  spec: 'the cron schedule, for example `spec: "H * * * *"`',
  commands: 'the commands to run, for example `commands: {start: "..."}`',
};

/** Turns collapsed ajv errors into findings a person (or a model) can act on. */
export function describeSchemaErrors(errors: readonly ErrorObject[], context: DescribeSchemaErrorsContext): Finding[] {
  const findings: Finding[] = [];
  const finder = createKeyDocsFinder();
  // Large files repeat the same mistake many times; compute each did-you-mean once.
  const suggestions = new Map<string, string[]>();
  const suggestProperty = (property: string, parentSchema: unknown): string[] => {
    const allowed = readAllowedProperties(parentSchema);
    const key = `${property}\u0000${allowed.join(',')}`;
    let found = suggestions.get(key);
    if (!found) {
      found = suggestSimilar(property, allowed, { limit: 2 });
      suggestions.set(key, found);
    }
    return found;
  };
  const typeErrorPaths = new Set<string>();
  // `upstrem:` on a route yields both "unknown upstrem" and "missing upstream"; the first says it all.
  const misspeltRequired = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const [suggestion] = suggestProperty(String(error.params.additionalProperty), error.parentSchema);
    if (suggestion !== undefined) misspeltRequired.add(`${error.instancePath}\u0000${suggestion}`);
  }
  for (const error of errors) {
    if (error.keyword === 'required' && misspeltRequired.has(`${error.instancePath}\u0000${String(error.params.missingProperty)}`)) {
      continue;
    }
    const path = readJsonPointer(error.instancePath, context.data);
    if (error.keyword === 'type') {
      // `type: [string, null]` next to an `anyOf` of the same types reports twice; once is enough.
      if (typeErrorPaths.has(error.instancePath)) continue;
      typeErrorPaths.add(error.instancePath);
    }
    const finding = describeSchemaError(error, path, context, finder, suggestProperty);
    if (finding) findings.push(finding);
  }
  return findings;
}

function describeSchemaError(
  error: ErrorObject,
  path: YamlPath,
  context: DescribeSchemaErrorsContext,
  finder: KeyDocsFinder,
  suggestProperty: (property: string, parentSchema: unknown) => string[],
): Finding | undefined {
  const where = describeLocation(path);
  const at = (p: YamlPath) => context.locate(p) ?? {};
  const docsAt = (p: YamlPath): { docs?: DocsRef } => {
    const found = finder.findForPath(p);
    return found ? { docs: found.docs } : {};
  };
  const base = { severity: 'error' as const, path: formatYamlPath(path) };

  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String(error.params.additionalProperty);
      const propertyPath = [...path, property];
      const common = { ...base, path: formatYamlPath(propertyPath), ...at(propertyPath) };
      if (isAppPath(path) && property === 'name') {
        return {
          ...common,
          code: 'app-name-property',
          message:
            `\`name\` isn't an application property: on Upsun the app name is the key under \`applications\` ` +
            `(here \`${String(path[1])}\`). Remove the \`name:\` line; to rename the app, rename that key.`,
          docs: APP_PROPERTIES_DOCS,
        };
      }
      if (property === 'disk' || property === 'size') {
        return {
          ...common,
          code: 'resources-in-config',
          message:
            `\`${property}\` can't be set in ${where}: on Upsun, CPU, RAM and disk are set per app and service ` +
            `with \`upsun resources:set\` (for example \`upsun resources:set --disk ${String(path[1] ?? 'myapp')}:1024\`), ` +
            `not in \`.upsun/config.yaml\`. Remove the \`${property}:\` line.`,
          docs: RESOURCES_DOCS,
        };
      }
      const allowed = readAllowedProperties(error.parentSchema);
      const suggestions = suggestProperty(property, error.parentSchema);
      const advice =
        suggestions.length > 0
          ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?`
          : allowed.length > 0 && allowed.length <= 25
            ? ` Allowed here: ${allowed.map((s) => `\`${s}\``).join(', ')}.`
            : '';
      const first = suggestions[0];
      return {
        ...common,
        code: 'unknown-property',
        message: `Unknown property \`${property}\` in ${where}.${advice}`,
        ...(first !== undefined ? docsAt([...path, first]) : docsAt(path)),
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      if (path.length === 0 && missing === 'applications') {
        // Upsun merges every YAML file in `.upsun/` (yaml-structure.md#top-level-keys): a file holding only
        // `services` or `routes` is valid when another file defines the apps.
        const root = context.data !== null && typeof context.data === 'object' ? context.data : {};
        const partial = 'services' in root || 'routes' in root;
        return {
          ...base,
          ...(partial ? { severity: 'warning' as const } : {}),
          code: 'missing-property',
          ...at(path),
          message: partial
            ? 'This file has no `applications` key. That is fine for one of several files in `.upsun/` (Upsun merges ' +
              'them), as long as another file defines the apps; on its own, a project needs at least one app.'
            : 'There is no `applications` key. Every Upsun project defines at least one app under `applications`.',
          docs: TOP_LEVEL_DOCS,
        };
      }
      const hint = MISSING_HINTS[missing];
      return {
        ...base,
        code: 'missing-property',
        ...at(path),
        message: `${capitalize(where)} is missing \`${missing}\`${hint ? `: add ${hint}` : ''}.`,
        ...docsAt([...path, missing]),
      };
    }
    case 'requiredOneOf': {
      const missing = (error.params.missingProperties as unknown[]).map(String);
      if (isAppPath(path) && missing.includes('type')) {
        return {
          ...base,
          code: 'missing-property',
          ...at(path),
          message:
            `${capitalize(where)} has no \`type\`. Add one with the runtime and version, for example ` +
            '`type: "nodejs:24"`, or `type: "composable:26.05"` with a `stack` for a composable image.',
          docs: { path: 'create-apps/app-reference/single-runtime-image.md', anchor: 'types' },
        };
      }
      return {
        ...base,
        code: 'missing-property',
        ...at(path),
        message: `${capitalize(where)} needs one of ${missing.map((m) => `\`${m}\``).join(' or ')}.`,
        ...docsAt(path),
      };
    }
    case 'type': {
      if (path.length === 0) {
        if (context.data === null || context.data === undefined) {
          return {
            ...base,
            code: 'empty-config',
            message:
              'The file is empty. `.upsun/config.yaml` needs an `applications` key with at least one app, for example ' +
              '`applications: {myapp: {type: "nodejs:24"}}`.',
            docs: TOP_LEVEL_DOCS,
          };
        }
        return {
          ...base,
          code: 'wrong-type',
          ...at(path),
          message: `The file must be a mapping with the top-level keys \`applications\`, \`services\` and \`routes\`, but it is ${describeValue(context.data)}.`,
          docs: TOP_LEVEL_DOCS,
        };
      }
      const value = readAt(context.data, path);
      const expected = describeTypes(error.params.type);
      const emptyHint =
        value === null ? ' Give it a value, or remove the key if you meant to leave it out.' : '';
      return {
        ...base,
        code: 'wrong-type',
        ...at(path),
        message: `${capitalize(where)} must be ${expected}, but it is ${describeValue(value)}.${emptyHint}`,
        ...docsAt(path),
      };
    }
    case 'enum': {
      const value = readAt(context.data, path);
      const allowed = (error.params.allowedValues as unknown[]).filter((v) => v !== null).map(String);
      const suggestions = typeof value === 'string' ? suggestSimilar(value, allowed, { limit: 1 }) : [];
      const advice = suggestions.length > 0 ? ` Did you mean \`${suggestions[0]}\`?` : '';
      return {
        ...base,
        code: 'invalid-value',
        ...at(path),
        message: `${capitalize(where)} is \`${String(value)}\`, which isn't allowed. Use one of: ${allowed.map((a) => `\`${a}\``).join(', ')}.${advice}`,
        ...docsAt(path),
      };
    }
    case 'oneOf':
      return {
        ...base,
        code: 'schema',
        ...at(path),
        message: `${capitalize(where)} matches more than one of the forms it may take; keep the properties of one form only.`,
        ...docsAt(path),
      };
    default:
      return {
        ...base,
        code: 'schema',
        ...at(path),
        message: `${capitalize(where)} ${error.message ?? `fails the \`${error.keyword}\` rule`}.`,
        ...docsAt(path),
      };
  }
}

/**
 * "application `app`", "mount `web/uploads` of application `app`", "`web.commands.start` of application
 * `app`", "route `https://{default}/`"; the top-level key alone for shallow paths.
 */
export function describeLocation(path: YamlPath): string {
  const [top, name, property, child] = path.map(String);
  if (path.length === 0) return 'the top level';
  if (path.length === 1) return `\`${top}\``;
  const owner =
    top === 'applications' ? 'application' : top === 'services' ? 'service' : top === 'routes' ? 'route' : undefined;
  if (!owner) return `\`${formatYamlPath(path)}\``;
  if (path.length === 2) return `${owner} \`${name}\``;
  if (owner === 'application' && path.length === 4) {
    const kind = property === 'mounts' ? 'mount' : property === 'workers' ? 'worker' : property === 'crons' ? 'cron' : undefined;
    if (kind) return `${kind} \`${child}\` of application \`${name}\``;
  }
  return `\`${formatYamlPath(path.slice(2))}\` of ${owner} \`${name}\``;
}

function isAppPath(path: YamlPath): boolean {
  return path.length === 2 && path[0] === 'applications';
}

function readAllowedProperties(parentSchema: unknown): string[] {
  if (typeof parentSchema !== 'object' || parentSchema === null) return [];
  const properties = (parentSchema as Record<string, unknown>).properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

function readAt(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function describeTypes(type: unknown): string {
  const names = (Array.isArray(type) ? type : [type]).map((t) => {
    switch (t) {
      case 'object':
        return 'a mapping (`key: value` lines)';
      case 'array':
        return 'a list';
      case 'string':
        return 'a string';
      case 'null':
        return 'empty';
      case 'integer':
        return 'a whole number';
      case 'number':
        return 'a number';
      case 'boolean':
        return '`true` or `false`';
      default:
        return String(t);
    }
  });
  return names.length <= 1 ? (names[0] ?? 'something else') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  return `\`${String(value)}\` (${typeof value})`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
