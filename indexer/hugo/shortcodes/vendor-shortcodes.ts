import { readArg, ShortcodeError, type RenderEnv, type ShortcodeCall, type ShortcodeDefinition } from './shortcode-call.js';

/** A `vendor.*` value from params.yaml; a missing one is an error (the template would print nothing). */
function readVendor(env: RenderEnv, key: string): string {
  const value = env.site.vendor[key];
  if (typeof value !== 'string' && typeof value !== 'number') throw new ShortcodeError(`params.yaml has no vendor.${key}`);
  return String(value);
}

function defineVendorValue(key: string): ShortcodeDefinition {
  return { render: (_call, env) => readVendor(env, key) };
}

/** `vendor/configfile "app" ["strip"]`: the config file for the product; `strip` keeps the part after `/`. */
function renderConfigFile(call: ShortcodeCall, env: RenderEnv): string {
  const kind = readArg(call, 0) ?? '';
  const file = env.site.vendor.config.files[kind];
  if (file === undefined) throw new ShortcodeError(`unknown config file '${kind}' (params.yaml vendor.config.files has ${Object.keys(env.site.vendor.config.files).join(', ')})`);
  return readArg(call, 1) === 'strip' ? (file.split('/')[1] ?? '') : file;
}

function readUrl(call: ShortcodeCall, env: RenderEnv): string {
  const key = readArg(call, 0) ?? '';
  const url = env.site.vendor.urls[key];
  if (url === undefined) throw new ShortcodeError(`unknown vendor URL '${key}'`);
  return url;
}

/** Values from the site's `vendor` params and other one-word substitutions (NOTES.md §2.2). */
export const vendorShortcodes: Record<string, ShortcodeDefinition> = {
  'vendor/name': defineVendorValue('name'),
  'vendor/cli': defineVendorValue('cli'),
  'vendor/company_name': defineVendorValue('company_name'),
  'vendor/alt-name': defineVendorValue('altname'),
  'vendor/prefix': defineVendorValue('env_prefix'),
  'vendor/prefix_cli': defineVendorValue('cli_prefix'),
  'vendor/psh_ref': defineVendorValue('psh_ref'),
  'vendor/configdir': { render: (_call, env) => env.site.vendor.config.dir },
  'vendor/configfile': { render: renderConfigFile },
  'vendor/urlraw': { render: readUrl },
  'vendor/url': { render: (call, env) => `[${readArg(call, 1) ?? readUrl(call, env)}](${readUrl(call, env)})` },
  'vendor/url_doc': { render: (_call, env) => String(env.site.params.rooturl ?? env.site.baseUrl) },
  'names/dedicated-gen-2': { render: () => 'Dedicated Gen 2' },
  'names/dedicated-gen-3': { render: () => 'Dedicated Gen 3' },
  'names/dedicated-environments': { render: () => 'Dedicated Environments' },
  // The site shows a highlighted placeholder; its own Markdown output uses <NAME>.
  variable: {
    render: (call) => {
      const name = readArg(call, 0);
      if (!name) throw new ShortcodeError('variable needs a name, as in {{< variable "APP_NAME" >}}');
      return `<${name}>`;
    },
  },
  // A link on a key inside a code block: only the key is code.
  'code-link': { render: (call) => readArg(call, 'text') ?? '' },
  'current-year': { render: (_call, env) => String(env.buildYear) },
};
