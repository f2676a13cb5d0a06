import { readArg, ShortcodeError, type RenderEnv, type ShortcodeCall, type ShortcodeDefinition } from './shortcode-call.js';

/** The shape of one `shared/data/registry.json` entry, as far as the shortcodes read it. */
interface RegistryImage {
  name?: string;
  type?: string;
  runtime?: boolean;
  premium?: boolean;
  exclude_from?: string[];
  docs?: { url?: string };
  [versionsKey: string]: unknown;
}

type VersionLists = Partial<Record<string, string[]>>;

function readRegistry(env: RenderEnv): Record<string, RegistryImage> {
  const registry = env.site.data.registry;
  if (!registry || typeof registry !== 'object') throw new ShortcodeError('shared/data/registry.json is missing');
  return registry as Record<string, RegistryImage>;
}

function readImage(env: RenderEnv, key: string): RegistryImage {
  const image = readRegistry(env)[key];
  if (!image) throw new ShortcodeError(`no image '${key}' in shared/data/registry.json`);
  return image;
}

/** `latest "<key>"`: the highest supported version by (major, minor), as `latest.html` computes it. */
export function findLatestVersion(env: RenderEnv, key: string): string {
  const source = key === 'composable' ? (env.site.data.composable_versions as Record<string, RegistryImage> | undefined)?.composable : readImage(env, key);
  const supported = (source?.versions as VersionLists | undefined)?.supported;
  if (!supported || supported.length === 0) throw new ShortcodeError(`no supported versions for '${key}'`);
  const parts = (version: string): [number, number] => {
    const [major = '0', minor = '0'] = version.split('.');
    return [Number.parseInt(major, 10) || 0, Number.parseInt(minor, 10) || 0];
  };
  return supported.reduce((latest, current) => {
    const [currentMajor, currentMinor] = parts(current);
    const [latestMajor, latestMinor] = parts(latest);
    return currentMajor > latestMajor || (currentMajor === latestMajor && currentMinor > latestMinor) ? current : latest;
  });
}

const ENVIRONMENT_KEYS: Record<string, string> = {
  '': 'versions',
  grid: 'versions',
  'dedicated-gen-2': 'versions-dedicated-gen-2',
  'dedicated-gen-3': 'versions-dedicated-gen-3',
};

/** `image-versions image= status= [environment=]`: a bullet list, "None available", or nothing for no deprecated versions. */
function renderImageVersions(call: ShortcodeCall, env: RenderEnv): string {
  const key = readArg(call, 'image') ?? '';
  const status = readArg(call, 'status') ?? '';
  const environment = readArg(call, 'environment') ?? '';
  const versionsKey = ENVIRONMENT_KEYS[environment];
  if (versionsKey === undefined) throw new ShortcodeError(`image-versions environment="${environment}" is not one of grid, dedicated-gen-2, dedicated-gen-3`);
  // image-versions.html prints "None available" for images the registry does not know (e.g. replicas).
  const lists = readRegistry(env)[key]?.[versionsKey] as VersionLists | undefined;
  if (!lists) return 'None available';
  const versions = lists[status];
  if (versions === undefined) return '';
  if (versions.length > 0) return versions.map((version) => `- ${version}`).join('\n');
  return status === 'deprecated' ? '' : 'None available';
}

/** `supported-services`: the services table of `add-services/_index.md`, from the registry. */
function renderSupportedServices(_call: ShortcodeCall, env: RenderEnv): string {
  const altname = env.site.vendor.altname;
  const rows = sortByType(Object.values(readRegistry(env)))
    .filter((image) => image.runtime === false && !(image.exclude_from ?? []).includes(altname))
    .map((image) => `| [${image.name}](${image.docs?.url ?? ''})${image.premium ? ' (Premium)' : ''} | \`${image.type}\` | ${readSupported(image).join(', ')} |`);
  return ['| Service | `type` | Supported versions |', '| ------- | ------ | ------------------ |', ...rows].join('\n');
}

/**
 * `readFile file="registry/images/tables/runtimes_supported.md"`: that table is generated at
 * site build time from the registry (and not committed), so build it here the same way.
 */
function renderRuntimesTable(env: RenderEnv): string {
  const rows = sortByType(Object.values(readRegistry(env)))
    .filter((image) => image.runtime === true)
    .map((image) => `| [${image.name}](${image.docs?.url ?? ''}) | \`${image.type}\` | ${readSupported(image).join(', ')} |`);
  return ['| Language | `runtime` | Supported versions |', '| -------- | --------- | ------------------ |', ...rows].join('\n');
}

function renderReadFile(call: ShortcodeCall, env: RenderEnv): string {
  const file = readArg(call, 'file') ?? readArg(call, 0) ?? '';
  if (/registry\/images\/tables\/runtimes_supported\.md$/.test(file)) return renderRuntimesTable(env);
  return `_The file \`${file}\` is generated when the docs site is built and is not part of this snapshot._`;
}

function readSupported(image: RegistryImage): string[] {
  return (image.versions as VersionLists | undefined)?.supported ?? [];
}

function sortByType(images: RegistryImage[]): RegistryImage[] {
  return [...images].sort((left, right) => (left.type ?? '').localeCompare(right.type ?? ''));
}

const DEPRECATED_VERSIONS = `### Deprecated versions

The following versions are [deprecated](/glossary.html#deprecated-versions).
They're available, but they don't receive security updates from upstream and aren't guaranteed to work.
They'll be removed in the future – consider migrating to a [supported version](#supported-versions).`;

/** Shortcodes that read the image registry (NOTES.md §4). */
export const registryShortcodes: Record<string, ShortcodeDefinition> = {
  latest: {
    render: (call, env) => {
      const key = readArg(call, 0);
      if (!key) throw new ShortcodeError('latest needs an image name, as in {{% latest "php" %}}');
      return findLatestVersion(env, key);
    },
  },
  'image-versions': { render: renderImageVersions, block: true },
  'supported-services': { render: renderSupportedServices },
  readFile: { render: renderReadFile },
  'deprecated-versions': { render: () => DEPRECATED_VERSIONS },
};
