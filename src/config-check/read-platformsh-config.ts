import type { ImageRegistry } from '../registry/image-registry.js';
import { readRecord } from './read-record.js';
import type { ConfigFileKind, YamlPath } from './types.js';

/** A document read as the part of an Upsun config it maps to. */
export interface MappedDocument {
  kind: ConfigFileKind;
  /** The document's data in `.upsun/config.yaml` shape (`applications`/`services`/`routes`); Upsun input as is. */
  data: unknown;
  /** Where an Upsun path (`applications.app.web`) is written in the document (`web`). */
  toSourcePath(path: YamlPath): YamlPath;
  /** The Upsun path of a path written in the document. */
  toUpsunPath(path: YamlPath): YamlPath;
  /** Upsun Fixed keys left out of the Upsun shape, by their Upsun path, with the value written. */
  dropped: Array<{ path: YamlPath; value: unknown }>;
}

/** Keys an Upsun Fixed (Platform.sh) app has that `.upsun/config.yaml` sets with `upsun resources:set` instead. */
const FIXED_ONLY_KEYS = ['disk', 'size', 'resources'] as const;
/** Keys that only an app definition has: with a string `type`, they mark a `.platform.app.yaml`. */
const APP_KEYS = ['web', 'hooks', 'build', 'dependencies', 'mounts', 'relationships', 'disk', 'crons', 'workers', 'runtime', 'source', 'stack'];
/** App keys of `.platform.app.yaml` that `.upsun/config.yaml` apps don't have. */
const FIXED_APP_ONLY: ReadonlySet<string> = new Set(['name', 'disk', 'size', 'resources']);
const ROUTE_KEY = /^(?:https?:\/\/|\{default\}|\{all\}|\*\.)|\{default\}|\{all\}/;

/**
 * Recognises the Upsun Fixed (Platform.sh) files (`create-apps/_index.md` and `define-routes/_index.md` of the
 * Platform.sh docs): `.platform.app.yaml` (one app, named by `name`), `.platform/applications.yaml` (apps by
 * name, or an older list of apps with `name`), `.platform/services.yaml` and `.platform/routes.yaml`.
 * Anything else, including every file with `applications`, `services` or `routes` at the top, is Upsun.
 */
export function detectConfigFileKind(data: unknown, registry: ImageRegistry, appProperties: ReadonlySet<string> = new Set()): ConfigFileKind {
  if (Array.isArray(data)) {
    const apps = data.filter((item) => typeof readRecord(item).type === 'string' && typeof readRecord(item).name === 'string');
    return data.length > 0 && apps.length === data.length ? 'platformsh-applications' : 'upsun';
  }
  const root = readRecord(data);
  const keys = Object.keys(root);
  if (keys.length === 0 || keys.some((key) => key === 'applications' || key === 'services' || key === 'routes')) return 'upsun';
  if (typeof root.type === 'string' && (typeof root.name === 'string' || keys.some((key) => APP_KEYS.includes(key)))) {
    return 'platformsh-app';
  }
  // A part of a `.platform.app.yaml` (`name:` and `relationships:` only): every key is an app property.
  if (keys.every((key) => appProperties.has(key) || FIXED_APP_ONLY.has(key))) {
    return 'platformsh-app';
  }
  if (keys.every((key) => ROUTE_KEY.test(key))) return 'platformsh-routes';
  const kinds = Object.values(root).map((value) => {
    const type = readRecord(value).type;
    if (typeof type !== 'string') return undefined;
    return registry.getImage(type.split(':')[0]?.trim() ?? '')?.kind;
  });
  // Every entry has a `type`; an image the registry doesn't know (a typo) doesn't make it something else.
  const typed = Object.values(root).every((value) => typeof readRecord(value).type === 'string');
  if (typed && kinds.some((kind) => kind === 'service') && !kinds.some((kind) => kind === 'runtime' || kind === 'composable')) {
    return 'platformsh-services';
  }
  if (kinds.every((kind) => kind === 'runtime' || kind === 'composable')) return 'platformsh-applications';
  return 'upsun';
}

/** The Upsun shape of one document, with the way back to where each path is written. */
export function mapToUpsunShape(kind: ConfigFileKind, data: unknown): MappedDocument {
  const identity = (path: YamlPath) => path;
  switch (kind) {
    case 'upsun':
      return { kind, data, toSourcePath: identity, toUpsunPath: identity, dropped: [] };
    case 'platformsh-app': {
      const root = readRecord(data);
      const name = typeof root.name === 'string' && root.name.trim() !== '' ? root.name : 'app';
      const dropped: MappedDocument['dropped'] = [];
      const app = dropFixedOnlyKeys(omitKey(root, 'name'), ['applications', name], dropped);
      return {
        kind,
        data: { applications: { [name]: app } },
        toSourcePath: (path) => (path[0] === 'applications' && String(path[1]) === name ? path.slice(2) : []),
        toUpsunPath: (path) => ['applications', name, ...path],
        dropped,
      };
    }
    case 'platformsh-applications': {
      const dropped: MappedDocument['dropped'] = [];
      const applications: Record<string, unknown> = {};
      const indexOf = new Map<string, number>();
      const entries: Array<[string, unknown]> = Array.isArray(data)
        ? data.map((item, index) => {
            const name = String(readRecord(item).name ?? `app${index + 1}`);
            indexOf.set(name, index);
            return [name, item];
          })
        : Object.entries(readRecord(data));
      for (const [name, app] of entries) applications[name] = dropFixedOnlyKeys(omitKey(readRecord(app), 'name'), ['applications', name], dropped);
      const names = entries.map(([name]) => name);
      return {
        kind,
        data: { applications },
        toSourcePath: (path) => {
          if (path[0] !== 'applications' || path.length < 2) return [];
          const index = indexOf.get(String(path[1]));
          return index === undefined ? path.slice(1) : [index, ...path.slice(2)];
        },
        toUpsunPath: (path) => {
          const [head, ...rest] = path;
          const name = typeof head === 'number' ? names[head] : head;
          return name === undefined ? ['applications'] : ['applications', name, ...rest];
        },
        dropped,
      };
    }
    case 'platformsh-services': {
      const dropped: MappedDocument['dropped'] = [];
      const services: Record<string, unknown> = {};
      for (const [name, service] of Object.entries(readRecord(data))) {
        services[name] = dropFixedOnlyKeys(readRecord(service), ['services', name], dropped);
      }
      return { kind, data: { services }, toSourcePath: (path) => path.slice(1), toUpsunPath: (path) => ['services', ...path], dropped };
    }
    case 'platformsh-routes':
      return { kind, data: { routes: readRecord(data) }, toSourcePath: (path) => path.slice(1), toUpsunPath: (path) => ['routes', ...path], dropped: [] };
  }
}

function omitKey(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _omitted, ...rest } = record;
  return rest;
}

/** Removes `disk`/`size`/`resources` from an app (and its workers) or a service, noting each one dropped. */
function dropFixedOnlyKeys(record: Record<string, unknown>, path: YamlPath, dropped: MappedDocument['dropped']): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if ((FIXED_ONLY_KEYS as readonly string[]).includes(key)) {
      dropped.push({ path: [...path, key], value });
      continue;
    }
    if (key === 'workers' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      kept.workers = Object.fromEntries(
        Object.entries(value).map(([worker, body]) => [worker, dropFixedOnlyKeys(readRecord(body), [...path, 'workers', worker], dropped)]),
      );
      continue;
    }
    kept[key] = value;
  }
  return kept;
}
