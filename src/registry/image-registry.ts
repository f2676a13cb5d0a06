import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compareVersionsNewestFirst } from './compare-versions.js';
import { checkImageType, checkStackRuntime, type ImageTypeCheck } from './check-image-type.js';

/** Upsun lifecycle statuses, in the order a version goes through them (registry.schema.json `VersionStatus`). */
export const IMAGE_STATUSES = ['supported', 'deprecated', 'retired', 'decommissioned'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

/** `composable` is the Nix-based image whose versions are channels (`composable:26.05`). */
export type ImageKind = 'runtime' | 'service' | 'composable';

export interface ImageVersion {
  version: string;
  status: ImageStatus;
  /** Upstream end-of-life day (`YYYY-MM-DD`), when the registry knows it. */
  upstreamEol?: string;
  /** Composable channels only: runtime name → versions that channel ships (`nodejs` → ['22', '24', '26']). */
  runtimes?: Record<string, string[]>;
}

/** Versions of one image grouped by Upsun status, each group newest first. */
export type VersionsByStatus = Record<ImageStatus, ImageVersion[]>;

export interface ImageVersions {
  /** The name used in `type: <name>:<version>`. */
  name: string;
  displayName: string;
  kind: ImageKind;
  versions: VersionsByStatus;
}

export interface ImageInfo extends ImageVersions {
  description: string;
  /** Other `type` names that run this image (`redis-persistent` for `redis`). */
  aliases: string[];
  /** The registry's documentation link, as given (it points at developer.upsun.com). */
  docsUrl?: string;
  premium: boolean;
  needsDisk: boolean;
  /** Endpoint names the image's versions declare (`mysql` for MariaDB); empty when the registry lists none. */
  endpoints: string[];
}

export interface ImageSummary {
  name: string;
  displayName: string;
  kind: ImageKind;
  description: string;
  /** Newest supported version, if any is supported. */
  latest?: string;
}

export interface ImageRegistry {
  /** Every image, runtimes first, then services, then the composable image; each group by name. */
  listImages(): ImageSummary[];
  /** One image by `type` name or alias (`redis-persistent` → redis); undefined when unknown. */
  getImage(name: string): ImageInfo | undefined;
  /** Versions by status for one image (by name or alias) or, without an argument, for all. */
  listVersions(image?: string): ImageVersions[];
  /** Checks a `type` value such as `nodejs:16`; also accepts the composable `nodejs@24` form. */
  checkImageType(type: string): ImageTypeCheck;
  /** Checks one `stack` runtime (`nodejs@24`, `php@8.4`, `python`) against a composable channel. */
  checkStackRuntime(entry: string, channel?: string): ImageTypeCheck;
}

export interface LoadImageRegistryOptions {
  /**
   * The composable channels file (`resources/image/composable.json` in upsun/meta). Default: the
   * `composable.json` beside the registry file when it exists; `false` to skip it.
   */
  composableFile?: string | false;
}

/**
 * `type` names that the docs use for an image under another name: persistent Redis/Valkey and read-only
 * replicas (`add-services/redis.md#persistent-redis`, `add-services/valkey.md`,
 * `add-services/mysql/mysql-readonly-replication.md`, `add-services/postgresql/postgresql-readonly-replication.md`).
 * They take the versions of the image they alias.
 */
export const IMAGE_TYPE_ALIASES: Readonly<Record<string, string>> = {
  'redis-persistent': 'redis',
  'valkey-persistent': 'valkey',
  'mariadb-replica': 'mariadb',
  'mysql-replica': 'mysql',
  'postgres-replica': 'postgresql',
  'postgresql-replica': 'postgresql',
};

/** Reads the registry (and composable channels) once and returns the lookups over it. */
export function loadImageRegistry(file: string, options: LoadImageRegistryOptions = {}): ImageRegistry {
  const registryJson = readJsonFile(file, 'image registry');
  const besideRegistry = join(dirname(file), 'composable.json');
  const composableFile =
    options.composableFile === undefined ? (existsSync(besideRegistry) ? besideRegistry : false) : options.composableFile;
  const composableJson = composableFile === false ? undefined : readJsonFile(composableFile, 'composable channels');
  return createImageRegistry(registryJson, composableJson);
}

/**
 * Builds the registry from already-parsed JSON (registry.json, optionally composable.json). Entries that
 * don't have the expected shape are skipped rather than fatal: the file is synced from upstream and a
 * new field or status must not take the whole checker down.
 */
export function createImageRegistry(registryJson: unknown, composableJson?: unknown): ImageRegistry {
  const images = new Map<string, ImageInfo>();
  for (const [name, entry] of Object.entries(asRecord(registryJson))) {
    const image = readImageEntry(name, entry, false);
    if (image) images.set(name, image);
  }
  for (const [name, entry] of Object.entries(asRecord(composableJson))) {
    const image = readImageEntry(name, entry, true);
    if (image) images.set(name, image);
  }
  for (const [alias, target] of Object.entries(IMAGE_TYPE_ALIASES)) images.get(target)?.aliases.push(alias);

  const findImage = (name: string): ImageInfo | undefined => images.get(name) ?? images.get(IMAGE_TYPE_ALIASES[name] ?? '');
  const kindOrder: Record<ImageKind, number> = { runtime: 0, service: 1, composable: 2 };
  const sorted = [...images.values()].sort(
    (a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name),
  );

  const registry: ImageRegistry = {
    listImages: () =>
      sorted.map((image) => ({
        name: image.name,
        displayName: image.displayName,
        kind: image.kind,
        description: image.description,
        ...(image.versions.supported[0] ? { latest: image.versions.supported[0].version } : {}),
      })),
    getImage: findImage,
    listVersions(name?: string) {
      const chosen = name === undefined ? sorted : [findImage(name)].filter((i): i is ImageInfo => i !== undefined);
      return chosen.map(({ name: imageName, displayName, kind, versions }) => ({
        name: imageName,
        displayName,
        kind,
        versions,
      }));
    },
    checkImageType: (type) => checkImageType(type, { images: sorted, findImage }),
    checkStackRuntime: (entry, channel) => checkStackRuntime(entry, channel, { images: sorted, findImage }),
  };
  return registry;
}

function readImageEntry(name: string, entry: unknown, composable: boolean): ImageInfo | undefined {
  const raw = asRecord(entry);
  if (Object.keys(raw).length === 0) return undefined;
  const docs = asRecord(raw.docs);
  const kind: ImageKind = composable ? 'composable' : raw.runtime === true ? 'runtime' : 'service';
  return {
    name,
    displayName: typeof raw.name === 'string' && raw.name !== '' ? raw.name : name,
    kind,
    description: typeof raw.description === 'string' ? raw.description : '',
    aliases: [],
    ...(typeof docs.url === 'string' ? { docsUrl: docs.url } : {}),
    premium: raw.premium === true,
    needsDisk: raw.need_disk === true,
    endpoints: readEndpoints(raw.versions),
    versions: readVersions(raw.versions),
  };
}

function readVersions(value: unknown): VersionsByStatus {
  const grouped: VersionsByStatus = { supported: [], deprecated: [], retired: [], decommissioned: [] };
  for (const [version, entry] of Object.entries(asRecord(value))) {
    const raw = asRecord(entry);
    const status = asRecord(raw.upsun).status;
    if (!isImageStatus(status)) continue;
    const eol = asRecord(raw.upstream).eolFrom;
    const runtimes = readChannelRuntimes(raw.packages_versions);
    grouped[status].push({
      version,
      status,
      ...(typeof eol === 'string' && /^\d{4}-\d{2}-\d{2}/.test(eol) ? { upstreamEol: eol.slice(0, 10) } : {}),
      ...(runtimes ? { runtimes } : {}),
    });
  }
  for (const status of IMAGE_STATUSES) grouped[status].sort((a, b) => compareVersionsNewestFirst(a.version, b.version));
  return grouped;
}

/** The union of `manifest.endpoints` over all versions of an image. */
function readEndpoints(value: unknown): string[] {
  const names = new Set<string>();
  for (const entry of Object.values(asRecord(value))) {
    for (const name of Object.keys(asRecord(asRecord(asRecord(entry).manifest).endpoints))) names.add(name);
  }
  return [...names].sort();
}

function readChannelRuntimes(value: unknown): Record<string, string[]> | undefined {
  const entries = Object.entries(asRecord(value));
  if (entries.length === 0) return undefined;
  const runtimes: Record<string, string[]> = {};
  for (const [runtime, entry] of entries) {
    const versions = asRecord(entry).versions;
    runtimes[runtime] = Array.isArray(versions)
      ? versions.filter((v): v is string => typeof v === 'string').sort(compareVersionsNewestFirst)
      : [];
  }
  return runtimes;
}

function isImageStatus(value: unknown): value is ImageStatus {
  return typeof value === 'string' && (IMAGE_STATUSES as readonly string[]).includes(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new Error(`Cannot read the ${what} file ${file}. Check the path (DATA_PATHS.imageRegistry).`, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new Error(`The ${what} file ${file} is not valid JSON.`, { cause });
  }
}
