import { readArg, ShortcodeError, type RenderEnv, type ShortcodeCall, type ShortcodeDefinition } from './shortcode-call.js';

interface Region {
  name?: string;
  label?: string;
  provider?: string;
  available?: boolean;
  outbound_ips?: string[];
  inbound_location?: string;
  inbound_ips?: string[];
}

/** `regions region=<group>`: the region table of `development/regions.md` from `shared/data/regions.yaml`. */
function renderRegions(call: ShortcodeCall, env: RenderEnv): string {
  const group = readArg(call, 'region') ?? '';
  const regions = (env.site.data.regions as Record<string, Record<string, Region>> | undefined)?.[group];
  if (!regions) throw new ShortcodeError(`no region group '${group}' in shared/data/regions.yaml`);
  const hostname = env.site.vendor.urls.hostname ?? '';
  // regions.html sorts by label, then puts available regions first.
  const sorted = Object.values(regions)
    .sort((left, right) => (left.label ?? '').localeCompare(right.label ?? ''))
    .sort((left, right) => Number(right.available === true) - Number(left.available === true));
  const rows = sorted.map(
    (region) =>
      `| ${region.name} (\`${region.label}.upsun.com\`) | ${region.provider} | ${region.available ? 'Yes' : 'No'} | ${(region.outbound_ips ?? []).join(', ')} | \`${region.inbound_location}.${hostname}\`: ${(region.inbound_ips ?? []).join(', ')} |`,
  );
  return ['| Region | Provider | Available to new orgs | Outbound IPs | Inbound IPs |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

type ExtensionGrid = Record<string, Record<string, string[]>>;

const SUPPORT_LABELS: Record<string, string> = { default: 'Def', available: 'Avail', 'built-in': '*', 'with-webp': 'Avail with `webp`' };

/** `php-extensions/grid` (every extension) and `php-extensions/single extension=` (one row). */
function renderPhpExtensions(call: ShortcodeCall, env: RenderEnv, dataKey: 'grid' | 'dedicated'): string {
  const grid = (env.site.data.php_extensions as Record<string, ExtensionGrid> | undefined)?.[dataKey];
  if (!grid) throw new ShortcodeError(`no '${dataKey}' in shared/data/php_extensions.yaml`);
  const versions = Object.keys(grid).sort();
  const support = new Map<string, Map<string, string>>();
  for (const version of versions) {
    for (const [type, extensions] of Object.entries(grid[version] ?? {})) {
      for (const extension of extensions ?? []) {
        const key = extension.toLowerCase();
        if (!support.has(key)) support.set(key, new Map());
        (support.get(key) as Map<string, string>).set(version, type);
      }
    }
  }
  const only = readArg(call, 'extension')?.toLowerCase();
  const names = only !== undefined ? [only] : [...support.keys()].sort();
  const rows = names.map((name) => {
    const cells = versions.map((version) => SUPPORT_LABELS[support.get(name)?.get(version) ?? ''] ?? '');
    return `| ${only === undefined ? `\`${name}\` | ` : ''}${cells.join(' | ')} |`;
  });
  const header = only === undefined ? ['Extension', ...versions] : versions;
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows].join('\n');
}

/** Shortcodes that turn `shared/data` files into tables. */
export const dataTableShortcodes: Record<string, ShortcodeDefinition> = {
  regions: { render: renderRegions },
  'php-extensions/grid': { render: (call, env) => renderPhpExtensions(call, env, 'grid') },
  'php-extensions/single': { render: (call, env) => renderPhpExtensions(call, env, 'grid') },
  'php-extensions/dedicated': { render: (call, env) => renderPhpExtensions(call, env, 'dedicated') },
};
