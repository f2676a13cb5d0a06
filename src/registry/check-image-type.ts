import type { ImageInfo, ImageStatus, ImageVersion } from './image-registry.js';
import { suggestSimilar } from './suggest-similar.js';

/**
 * What a `type` (or `stack` runtime) value amounts to. Every variant carries a plain-English `message`
 * that says what is wrong and what to write instead, so callers can show it as is.
 */
export type ImageTypeCheck =
  | (ImageTypeBase & { status: 'ok'; image: ImageInfo; version?: ImageVersion })
  | (ImageTypeBase & { status: 'invalid-format' })
  | (ImageTypeBase & { status: 'unknown-image'; didYouMean: string[] })
  | (ImageTypeBase & { status: 'unknown-version'; image: ImageInfo; didYouMean: string[] })
  | (ImageTypeBase & {
      status: 'deprecated' | 'retired' | 'decommissioned';
      image: ImageInfo;
      version: ImageVersion;
      /** What is wrong with the version, without the advice on what to move to (`message` has both). */
      summary: string;
    });

export type ImageTypeStatus = ImageTypeCheck['status'];

interface ImageTypeBase {
  /** The value as given. */
  input: string;
  /** The image name part (`nodejs` in `nodejs:24`), when the value could be split. */
  imageName?: string;
  /** The version part, when present. */
  versionName?: string;
  /** `:` for `type`, `@` for the composable `stack` form. */
  separator?: ':' | '@';
  /** Versions worth moving to, newest first (the supported ones). */
  supported: string[];
  message: string;
}

/** What the checks need from the registry; passed in so this module stays free of I/O. */
export interface ImageLookup {
  images: readonly ImageInfo[];
  findImage(name: string): ImageInfo | undefined;
}

/**
 * Names people write for an image that are not `type` names. Kept separate from edit distance because
 * `node` → `nodejs` is two insertions in a four-letter word, too far for a generic threshold.
 */
const COMMON_MISNAMES: Readonly<Record<string, string>> = {
  node: 'nodejs',
  'node.js': 'nodejs',
  postgres: 'postgresql',
  pgsql: 'postgresql',
  go: 'golang',
  mongo: 'mongodb',
  es: 'elasticsearch',
  'c#': 'dotnet',
};

const TYPE_PATTERN = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*([:@])\s*(\S.*)$/;

/** Checks `nodejs:24`-style values against the registry (see {@link ImageTypeCheck}). */
export function checkImageType(input: string, lookup: ImageLookup): ImageTypeCheck {
  const value = input.trim();
  const match = TYPE_PATTERN.exec(value);
  if (!match) {
    const image = lookup.findImage(value);
    const supported = image ? listSupported(image) : [];
    const example = image ? `\`${image.name}:${supported[0] ?? 'VERSION'}\`` : '`nodejs:24`';
    return {
      status: 'invalid-format',
      input,
      ...(image ? { imageName: image.name } : {}),
      supported,
      message: `\`${value}\` has no version. Write the type as \`<image>:<version>\`, for example ${example}.`,
    };
  }
  const [, imageName = '', separatorText, versionName = ''] = match;
  const separator = separatorText === '@' ? '@' : ':';
  const image = lookup.findImage(imageName);
  const base = { input, imageName, versionName, separator } as const;
  if (!image) return describeUnknownImage(base, imageName, lookup);

  const supported = listSupported(image);
  const found = findVersion(image, versionName);
  const shown = `\`${imageName}${separator}${versionName}\``;
  if (!found) {
    const prefix = allVersions(image).find((v) => versionName.startsWith(`${v.version}.`));
    const hint = prefix
      ? ` Upsun images take the \`${prefix.version}\` form only: minor and patch updates are applied for you, so write \`${imageName}${separator}${prefix.version}\`.`
      : '';
    return {
      status: 'unknown-version',
      ...base,
      image,
      supported,
      didYouMean: prefix ? [prefix.version] : [],
      message: `${shown} isn't a version of ${image.displayName} on Upsun.${hint} ${describeChoices(image)}`,
    };
  }
  return describeStatus(base, shown, image, found, supported);
}

/**
 * Checks one composable `stack` runtime (`nodejs@24`, `php@8.4`, or a bare `nodejs`) against the
 * runtimes a Nix channel ships. Without a known channel, the newest supported channel is used.
 * Names the channel doesn't list are reported as `unknown-image`: they may still be valid Nixpkgs
 * packages, which belong under `stack.packages`.
 */
export function checkStackRuntime(entry: string, channel: string | undefined, lookup: ImageLookup): ImageTypeCheck {
  const value = entry.trim();
  const at = value.indexOf('@');
  const imageName = at === -1 ? value : value.slice(0, at);
  const versionName = at === -1 ? undefined : value.slice(at + 1);
  const composable = lookup.images.find((i) => i.kind === 'composable');
  const channels = composable ? allVersions(composable) : [];
  const chosen =
    channels.find((c) => c.version === channel && c.runtimes) ?? composable?.versions.supported.find((c) => c.runtimes);
  const runtimes = chosen?.runtimes;
  const base = {
    input: entry,
    imageName,
    ...(versionName !== undefined ? { versionName, separator: '@' as const } : {}),
  };
  const image = lookup.findImage(imageName);
  if (!runtimes || !chosen) {
    // No channel lists its runtimes (composable.json not loaded): there is nothing to check against.
    return {
      status: 'ok',
      ...base,
      image: image ?? describeChannelRuntime(imageName),
      supported: [],
      message: `\`${value}\` was not checked: no composable channel data is loaded.`,
    };
  }
  const versions = runtimes[imageName];
  const channelName = `composable:${chosen.version}`;
  if (!versions) {
    const names = Object.keys(runtimes);
    const didYouMean = suggestSimilar(COMMON_MISNAMES[imageName.toLowerCase()] ?? imageName, names);
    const hint = didYouMean.length > 0 ? ` Did you mean ${formatList(didYouMean.map((n) => `\`${n}\``), 'or')}?` : '';
    return {
      status: 'unknown-image',
      ...base,
      didYouMean,
      supported: [],
      message:
        `\`${imageName}\` isn't an Upsun-supported runtime in ${channelName}.${hint} ` +
        `Supported runtimes: ${names.join(', ')}. Other Nixpkgs packages go under \`stack.packages\`.`,
    };
  }
  const placeholder = image ?? describeChannelRuntime(imageName);
  if (versionName !== undefined && !versions.includes(versionName)) {
    return {
      status: 'unknown-version',
      ...base,
      image: placeholder,
      didYouMean: [],
      supported: versions,
      message: `\`${value}\` isn't available in ${channelName}. Versions of ${imageName} there: ${versions.join(', ')}.`,
    };
  }
  return { status: 'ok', ...base, image: placeholder, supported: versions, message: `\`${value}\` is available in ${channelName}.` };
}

function describeUnknownImage(
  base: { input: string; imageName: string; versionName: string; separator: ':' | '@' },
  imageName: string,
  lookup: ImageLookup,
): ImageTypeCheck {
  const names = lookup.images.flatMap((i) => [i.name, ...i.aliases]);
  const misname = COMMON_MISNAMES[imageName.toLowerCase()];
  const didYouMean = misname ? [misname] : suggestSimilar(imageName, names);
  const hint =
    didYouMean.length > 0
      ? ` Did you mean ${formatList(didYouMean.map((n) => `\`${n}\``), 'or')}?`
      : ` Runtimes: ${namesOfKind(lookup, 'runtime')}. Services: ${namesOfKind(lookup, 'service')}.`;
  return {
    status: 'unknown-image',
    ...base,
    didYouMean,
    supported: [],
    message: `\`${imageName}\` isn't an Upsun image.${hint}`,
  };
}

function describeStatus(
  base: { input: string; imageName: string; versionName: string; separator: ':' | '@' },
  shown: string,
  image: ImageInfo,
  version: ImageVersion,
  supported: string[],
): ImageTypeCheck {
  const moveTo = supported.length > 0 ? `Use a supported version: ${supported.join(', ')}.` : describeChoices(image);
  switch (version.status) {
    case 'supported':
      return { status: 'ok', ...base, image, version, supported, message: `${shown} is supported.` };
    case 'deprecated': {
      const eol = version.upstreamEol ? ` (upstream end of life: ${version.upstreamEol})` : '';
      const summary =
        `${shown} is deprecated on Upsun${eol}: it still deploys, but gets no security updates from upstream ` +
        'and will be removed.';
      return { status: 'deprecated', ...base, image, version, supported, summary, message: `${summary} ${moveTo}` };
    }
    case 'retired': {
      const summary = `${shown} is retired: Upsun no longer maintains this version.`;
      return { status: 'retired', ...base, image, version, supported, summary, message: `${summary} ${moveTo}` };
    }
    case 'decommissioned': {
      const summary = `${shown} is decommissioned: this version is no longer available on Upsun.`;
      return { status: 'decommissioned', ...base, image, version, supported, summary, message: `${summary} ${moveTo}` };
    }
  }
}

function describeChoices(image: ImageInfo): string {
  const supported = listSupported(image);
  const deprecated = image.versions.deprecated.map((v) => v.version);
  if (supported.length === 0 && deprecated.length === 0) return `${image.displayName} has no supported version.`;
  const tail = deprecated.length > 0 ? ` (deprecated, still available: ${deprecated.join(', ')})` : '';
  return `Supported versions: ${supported.join(', ') || 'none'}${tail}.`;
}

function describeChannelRuntime(name: string): ImageInfo {
  return {
    name,
    displayName: name,
    kind: 'runtime',
    description: '',
    aliases: [],
    premium: false,
    needsDisk: false,
    endpoints: [],
    versions: { supported: [], deprecated: [], retired: [], decommissioned: [] },
  };
}

function listSupported(image: ImageInfo): string[] {
  return image.versions.supported.map((v) => v.version);
}

function allVersions(image: ImageInfo): ImageVersion[] {
  const statuses: ImageStatus[] = ['supported', 'deprecated', 'retired', 'decommissioned'];
  return statuses.flatMap((s) => image.versions[s]);
}

function findVersion(image: ImageInfo, version: string): ImageVersion | undefined {
  return allVersions(image).find((v) => v.version === version);
}

function namesOfKind(lookup: ImageLookup, kind: ImageInfo['kind']): string {
  return lookup.images
    .filter((i) => i.kind === kind)
    .map((i) => i.name)
    .join(', ');
}

function formatList(items: string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
