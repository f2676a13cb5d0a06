import type { ImageRegistry } from '../registry/image-registry.js';
import { suggestSimilar } from '../registry/suggest-similar.js';
import { formatYamlPath } from './format-yaml-path.js';
import type { TextPosition } from './parse-config-yaml.js';
import { readRecord } from './read-record.js';
import type { Finding, YamlPath } from './types.js';

export interface CheckReferencesContext {
  data: unknown;
  registry: ImageRegistry;
  locate(path: YamlPath): TextPosition | undefined;
}

const MAX_SUGGESTION_CANDIDATES = 200;
const MAX_LISTED_NAMES = 12;
const RELATIONSHIPS_DOCS = { path: 'create-apps/image-properties/relationships.md' };
const ROUTES_DOCS = { path: 'define-routes/_index.md', anchor: 'route-configuration-reference' };
const NETWORK_STORAGE_DOCS = { path: 'add-services/network-storage.md', anchor: '2-add-the-mount' };
const SHARED_MOUNT_DOCS = { path: 'create-apps/image-properties/mounts.md', anchor: 'share-a-mount-between-several-apps' };

/**
 * Names one part of the config gives to another: relationships to services and apps (and their endpoints),
 * route upstreams to apps, mounts to Network Storage services or to the app sharing a `storage` mount.
 * Upsun merges every YAML file in `.upsun/` (`learn/overview/yaml/yaml-structure.md`), so a name missing from
 * a file that has no `services` (or `applications`) section at all may be defined in another file: that is
 * a warning, not an error.
 */
export function checkReferences({ data, registry, locate }: CheckReferencesContext): Finding[] {
  const root = readRecord(data);
  const apps = readRecord(root.applications);
  const services = readRecord(root.services);
  const hasServices = 'services' in root;
  const hasApps = 'applications' in root;
  const findings: Finding[] = [];
  const at = (path: YamlPath) => ({ path: formatYamlPath(path), ...locate(path) });
  const serviceImage = (name: string) => {
    const type = readRecord(services[name]).type;
    return typeof type === 'string' ? registry.getImage(type.split(':')[0]?.trim() ?? '') : undefined;
  };
  const missing = (kind: 'service or app' | 'app', name: string, path: YamlPath, fileHasSection: boolean): Finding => {
    const candidates = kind === 'app' ? Object.keys(apps) : [...Object.keys(services), ...Object.keys(apps)];
    // Bounded so a file with thousands of names stays linear: no one reads a list of more than a few.
    const [suggestion] = candidates.length <= MAX_SUGGESTION_CANDIDATES ? suggestSimilar(name, candidates, { limit: 1 }) : [];
    const defined =
      candidates.length > 0 && candidates.length <= MAX_LISTED_NAMES ? ` Defined here: ${candidates.map((c) => `\`${c}\``).join(', ')}.` : '';
    return {
      severity: fileHasSection ? 'error' : 'warning',
      code: kind === 'app' ? 'unknown-route-target' : 'unknown-relationship-target',
      ...at(path),
      message:
        `No ${kind} is named \`${name}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : defined}` +
        (fileHasSection ? '' : ` This file has no \`${kind === 'app' ? 'applications' : 'services'}\` section: if \`${name}\` is defined in another file of \`.upsun/\`, ignore this.`),
      docs: kind === 'app' ? ROUTES_DOCS : RELATIONSHIPS_DOCS,
    };
  };

  for (const [appName, app] of Object.entries(apps)) {
    const appRecord = readRecord(app);
    for (const [relName, value] of Object.entries(readRecord(appRecord.relationships))) {
      const path = ['applications', appName, 'relationships', relName];
      const target = readRelationshipTarget(relName, value);
      if (!target) continue;
      const targetPath = typeof value === 'object' && value !== null && 'service' in value ? [...path, 'service'] : path;
      if (target.service in services) {
        const image = serviceImage(target.service);
        if (image?.name === 'network-storage') {
          findings.push({
            severity: 'error',
            code: 'network-storage-relationship',
            ...at(targetPath),
            message:
              `\`${target.service}\` is a Network Storage service: apps use it through a mount (\`source: service\`, ` +
              `\`service: ${target.service}\`), not a relationship. Replace the relationship with a mount.`,
            docs: NETWORK_STORAGE_DOCS,
          });
          continue;
        }
        if (target.endpoint && image && image.endpoints.length > 0) {
          const custom = Object.keys(readRecord(readRecord(readRecord(services[target.service]).configuration).endpoints));
          const known = [...new Set([...image.endpoints, ...custom])];
          if (!known.includes(target.endpoint)) {
            findings.push({
              severity: 'warning',
              code: 'unknown-endpoint',
              ...at(typeof value === 'object' && value !== null && 'endpoint' in value ? [...path, 'endpoint'] : path),
              message:
                `\`${target.service}\` (${image.displayName}) has no endpoint \`${target.endpoint}\`. Its endpoints: ` +
                `${known.map((e) => `\`${e}\``).join(', ')}${custom.length === 0 ? ' (more can be defined under its `configuration.endpoints`)' : ''}.`,
              docs: RELATIONSHIPS_DOCS,
            });
          }
        }
      } else if (!(target.service in apps)) {
        findings.push(missing('service or app', target.service, targetPath, hasServices));
      }
    }
    findings.push(...checkMountTargets(appRecord, ['applications', appName], { apps, services, hasServices, serviceImage, at }));
  }

  if (hasApps) {
    for (const [url, route] of Object.entries(readRecord(root.routes))) {
      const upstream = readRecord(route).upstream;
      if (typeof upstream !== 'string') continue;
      const [name = '', endpoint] = upstream.split(':');
      const path = ['routes', url, 'upstream'];
      // Varnish is a service that routes may point at (`add-services/varnish.md`).
      if (name in apps || name in services) {
        if (name in apps && endpoint !== undefined && endpoint !== 'http') {
          findings.push({
            severity: 'warning',
            code: 'unknown-endpoint',
            ...at(path),
            message: `Routes reach an app through its \`http\` endpoint: write \`upstream: "${name}:http"\`.`,
            docs: ROUTES_DOCS,
          });
        }
        continue;
      }
      findings.push(missing('app', name, path, true));
    }
  }
  return findings;
}

interface MountContext {
  apps: Record<string, unknown>;
  services: Record<string, unknown>;
  hasServices: boolean;
  serviceImage(name: string): { name: string } | undefined;
  at(path: YamlPath): { path: string; line?: number; column?: number };
}

/** `source: service` mounts name a Network Storage service; a shared `storage` mount names the app sharing it. */
function checkMountTargets(app: Record<string, unknown>, appPath: YamlPath, context: MountContext): Finding[] {
  const findings: Finding[] = [];
  for (const [mountPath, mount] of Object.entries(readRecord(app.mounts))) {
    const record = readRecord(mount);
    const path = [...appPath, 'mounts', mountPath];
    const service = record.service;
    if (record.source === 'service') {
      if (typeof service !== 'string') {
        findings.push({
          severity: 'error',
          code: 'missing-property',
          ...context.at(path),
          message: 'A `source: service` mount needs `service:`, the name of the Network Storage service it mounts.',
          docs: NETWORK_STORAGE_DOCS,
        });
        continue;
      }
      const image = context.serviceImage(service);
      if (!(service in context.services)) {
        if (context.hasServices) {
          findings.push({
            severity: 'error',
            code: 'unknown-mount-service',
            ...context.at([...path, 'service']),
            message: `No service is named \`${service}\`. A \`source: service\` mount needs a \`network-storage\` service of that name under \`services\`.`,
            docs: NETWORK_STORAGE_DOCS,
          });
        }
      } else if (image && image.name !== 'network-storage') {
        findings.push({
          severity: 'error',
          code: 'unknown-mount-service',
          ...context.at([...path, 'service']),
          message: `\`${service}\` is a ${image.name} service; \`source: service\` mounts only work with a \`network-storage\` service.`,
          docs: NETWORK_STORAGE_DOCS,
        });
      }
    } else if (record.source === 'storage' && typeof service === 'string' && !(service in context.apps)) {
      findings.push({
        severity: 'warning',
        code: 'unknown-mount-service',
        ...context.at([...path, 'service']),
        message: `A shared \`storage\` mount names the app whose mount it shares, and no app is named \`${service}\`.`,
        docs: SHARED_MOUNT_DOCS,
      });
    }
  }
  return findings;
}

/**
 * The service (or app) a relationship points at, in the three forms of `relationships.md`: `name:` (null:
 * the service of the same name, default endpoint), `{service, endpoint}`, and the legacy `"service:endpoint"`.
 */
function readRelationshipTarget(name: string, value: unknown): { service: string; endpoint?: string } | undefined {
  if (value === null || value === undefined) return { service: name };
  if (typeof value === 'string') {
    const [service = '', endpoint] = value.split(':');
    return service ? { service, ...(endpoint ? { endpoint } : {}) } : undefined;
  }
  const record = readRecord(value);
  if (typeof record.service !== 'string') return typeof value === 'object' && Object.keys(record).length === 0 ? { service: name } : undefined;
  return { service: record.service, ...(typeof record.endpoint === 'string' ? { endpoint: record.endpoint } : {}) };
}
