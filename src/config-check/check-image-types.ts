import type { ImageTypeCheck } from '../registry/check-image-type.js';
import type { ImageRegistry } from '../registry/image-registry.js';
import { describeServiceUpgrade } from './describe-service-upgrade.js';
import { COMPOSABLE_TYPE_DOCS, DOCS_FOR_KEY } from './docs-for-key.js';
import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import type { DocsRef, Finding, FindingCode, Severity, YamlPath } from './types.js';
import { readRecord } from './read-record.js';

export interface CheckImageTypesContext {
  data: unknown;
  registry: ImageRegistry;
  locate(path: YamlPath): TextPosition | undefined;
}

const STATUS_FINDINGS: Readonly<Partial<Record<ImageTypeCheck['status'], { severity: Severity; code: FindingCode }>>> = {
  'invalid-format': { severity: 'error', code: 'invalid-image-type' },
  'unknown-image': { severity: 'error', code: 'unknown-image' },
  'unknown-version': { severity: 'error', code: 'unknown-version' },
  deprecated: { severity: 'warning', code: 'deprecated-version' },
  retired: { severity: 'error', code: 'retired-version' },
  decommissioned: { severity: 'error', code: 'decommissioned-version' },
};

/**
 * Checks every `type: <image>:<version>` of applications and services against the image registry, and the
 * `stack` runtimes of composable apps against their Nix channel. Non-string values are left to the schema.
 */
export function checkImageTypes({ data, registry, locate }: CheckImageTypesContext): Finding[] {
  const findings: Finding[] = [];
  const root = readRecord(data);
  for (const [name, app] of Object.entries(readRecord(root.applications))) {
    const type = readRecord(app).type;
    let channel: string | undefined;
    if (typeof type === 'string') {
      const path = ['applications', name, 'type'];
      const check = registry.checkImageType(type);
      const composable = check.imageName === 'composable';
      if (composable) channel = check.versionName;
      const docs = composable ? COMPOSABLE_TYPE_DOCS : DOCS_FOR_KEY['applications.*.type'];
      findings.push(...describeCheck(check, path, locate, docs));
      if (check.status !== 'unknown-image' && check.status !== 'invalid-format') {
        if (check.separator === '@') {
          // A warning, not an error: a few docs examples (create-apps/image-properties/mounts.md) write
          // `type: nodejs@26`, but the schema and the type reference give `<image>:<version>`.
          findings.push({
            severity: 'warning',
            code: 'invalid-image-type',
            path: formatYamlPath(path),
            ...locate(path),
            message:
              `\`${type}\` uses the \`stack\` form. The \`type\` reference writes image and version with a colon: ` +
              `\`${check.imageName}:${check.versionName}\`.`,
            ...(docs ? { docs } : {}),
          });
        }
        if (check.image.kind === 'service') {
          findings.push({
            severity: 'error',
            code: 'invalid-image-type',
            path: formatYamlPath(path),
            ...locate(path),
            message:
              `\`${check.imageName}\` is a service image, not an app runtime. Define it under \`services\` and ` +
              'connect the app to it with `relationships`.',
            docs: { path: 'add-services/_index.md', anchor: 'add-a-service' },
          });
        }
      }
    }
    findings.push(...checkStack(readRecord(app).stack, ['applications', name, 'stack'], channel, registry, locate));
  }
  for (const [name, service] of Object.entries(readRecord(root.services))) {
    const type = readRecord(service).type;
    if (typeof type !== 'string') continue;
    const path = ['services', name, 'type'];
    const check = registry.checkImageType(type);
    const premium = findPremiumEdition(check, registry);
    findings.push(...(premium ? [describePremiumEdition(check, premium, path, locate)] : describeServiceCheck(check, path, locate)));
    if ('image' in check && check.image.kind === 'runtime') {
      findings.push({
        severity: 'warning',
        code: 'invalid-image-type',
        path: formatYamlPath(path),
        ...locate(path),
        message: `\`${check.imageName}\` is an app runtime, not a service. Apps go under \`applications\`.`,
        docs: { path: 'learn/overview/yaml/yaml-structure.md', anchor: 'top-level-keys' },
      });
    }
  }
  return findings;
}

function describeCheck(
  check: ImageTypeCheck,
  path: YamlPath,
  locate: (path: YamlPath) => TextPosition | undefined,
  docs: DocsRef | undefined,
): Finding[] {
  const kind = STATUS_FINDINGS[check.status];
  if (!kind) return [];
  return [{ ...kind, path: formatYamlPath(path), ...locate(path), message: check.message, ...(docs ? { docs } : {}) }];
}

/**
 * The free image's name with `-enterprise` (`elasticsearch-enterprise`), when it has the version the free one
 * lacks. The docs list such versions among the service's versions and write them with the free name in their
 * examples (`add-services/elasticsearch.md`: `type: elasticsearch:8.19`), so calling them unknown would be wrong.
 */
function findPremiumEdition(check: ImageTypeCheck, registry: ImageRegistry): string | undefined {
  if (check.status !== 'unknown-version' || !check.imageName || !check.versionName) return undefined;
  const name = `${check.image.name}-enterprise`;
  const premium = registry.checkImageType(`${name}:${check.versionName}`);
  return premium.status === 'ok' || premium.status === 'deprecated' ? name : undefined;
}

function describePremiumEdition(
  check: ImageTypeCheck,
  premiumName: string,
  path: YamlPath,
  locate: (path: YamlPath) => TextPosition | undefined,
): Finding {
  const docs = DOCS_FOR_KEY['services.*.type'];
  return {
    severity: 'warning',
    code: 'premium-version',
    path: formatYamlPath(path),
    ...locate(path),
    message:
      `\`${check.imageName}:${check.versionName}\` is a premium version: it is offered as ` +
      `\`${premiumName}:${check.versionName}\`, at an additional cost (ask Upsun's sales team to add it to the ` +
      `project), and the docs say to write that type. The versions of \`${check.imageName}\` itself are: ` +
      `${check.supported.join(', ') || 'none'}.`,
    ...(docs ? { docs } : {}),
  };
}

/**
 * A service version to move off gets the docs' upgrade procedure for that service, not the registry's
 * "use a supported version": for services that keep data, editing the version can delete it.
 */
function describeServiceCheck(check: ImageTypeCheck, path: YamlPath, locate: (path: YamlPath) => TextPosition | undefined): Finding[] {
  const findings = describeCheck(check, path, locate, DOCS_FOR_KEY['services.*.type']);
  if (check.status !== 'deprecated' && check.status !== 'retired' && check.status !== 'decommissioned') return findings;
  const upgrade = describeServiceUpgrade(check.imageName ?? check.image.name, check.image, check.version);
  if (!upgrade) return findings;
  return findings.map((finding) => ({ ...finding, message: `${check.summary} ${upgrade.advice}`, docs: upgrade.docs }));
}

/**
 * `stack` comes as `{runtimes: [...], packages: [...]}` or, in older configs, one list mixing both. Only
 * entries that name a version (`nodejs@24`) or sit under `runtimes` are runtimes; anything else may be a
 * Nixpkgs package, which the registry can't vouch for either way.
 */
function checkStack(
  stack: unknown,
  path: YamlPath,
  channel: string | undefined,
  registry: ImageRegistry,
  locate: (path: YamlPath) => TextPosition | undefined,
): Finding[] {
  const entries: Array<{ entry: string; path: YamlPath; declaredRuntime: boolean }> = [];
  const collect = (items: unknown, itemsPath: YamlPath, declaredRuntime: boolean) => {
    if (!Array.isArray(items)) return;
    items.forEach((item, index) => {
      const itemPath = [...itemsPath, index];
      if (typeof item === 'string') entries.push({ entry: item, path: itemPath, declaredRuntime });
      else if (typeof item === 'object' && item !== null) {
        // `- "php@8.4": {extensions: [...]}`: the runtime is the single key.
        const keys = Object.keys(item);
        const first = keys[0];
        if (keys.length === 1 && first !== undefined) entries.push({ entry: first, path: [...itemPath, first], declaredRuntime });
      }
    });
  };
  if (Array.isArray(stack)) collect(stack, path, false);
  else collect(readRecord(stack).runtimes, [...path, 'runtimes'], true);

  const docs = DOCS_FOR_KEY['applications.*.stack'];
  const findings: Finding[] = [];
  for (const { entry, path: entryPath, declaredRuntime } of entries) {
    if (!declaredRuntime && !entry.includes('@')) continue;
    const check = registry.checkStackRuntime(entry, channel);
    if (check.status === 'ok') continue;
    const unknownName = check.status === 'unknown-image';
    findings.push({
      severity: unknownName ? 'warning' : 'error',
      code: unknownName ? 'unknown-stack-runtime' : 'unknown-version',
      path: formatYamlPath(entryPath),
      ...locate(entryPath),
      message: check.message,
      ...(docs ? { docs: { path: docs.path, anchor: 'supported-nix-packages' } } : {}),
    });
  }
  return findings;
}
