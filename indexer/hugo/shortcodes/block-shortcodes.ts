import { formatNote } from './format-note.js';
import { renderCodetabs } from './render-codetabs.js';
import { readArg, ShortcodeError, type RenderEnv, type ShortcodeCall, type ShortcodeDefinition } from './shortcode-call.js';

const VERSION_SEPARATOR = '<--->';

function readConfigVersion(env: RenderEnv): number {
  return Number(env.site.vendor.config.version);
}

/** `note [title=] [theme=] [version=]`: a blockquote; dropped when `version` is not this product's config version. */
function renderNote(call: ShortcodeCall, env: RenderEnv): string {
  const version = readArg(call, 'version');
  if (version && version !== String(readConfigVersion(env))) return '';
  return formatNote(readArg(call, 'title'), call.inner ?? '');
}

/** `codetabs [v1hide=] [v2hide=]`: every tab in order; hidden entirely for the version it hides on. */
function renderCodetabsShortcode(call: ShortcodeCall, env: RenderEnv): string {
  const version = readConfigVersion(env);
  if (readArg(call, `v${version}hide`) === 'true') return '';
  return renderCodetabs(call.inner ?? '', env, call.line);
}

/** `version/specific`: inner split on `<--->`, the part for this config version (1st for 1, 2nd for 2). */
function renderVersionSpecific(call: ShortcodeCall, env: RenderEnv): string {
  const parts = (call.inner ?? '').split(VERSION_SEPARATOR);
  return stripOuterNewline(parts[readConfigVersion(env) - 1] ?? '');
}

/** `version/only "N"`: the inner text only when N is this config version. */
function renderVersionOnly(call: ShortcodeCall, env: RenderEnv): string {
  const wanted = Number.parseInt(readArg(call, 0) ?? '', 10);
  if (Number.isNaN(wanted)) throw new ShortcodeError('version/only needs a version number, as in {{% version/only "1" %}}');
  return wanted === readConfigVersion(env) ? stripOuterNewline(call.inner ?? '') : '';
}

/** `version/ifelse "for v1" "for v2"`. */
function renderVersionIfElse(call: ShortcodeCall, env: RenderEnv): string {
  return readArg(call, readConfigVersion(env) - 1) ?? '';
}

function stripOuterNewline(text: string): string {
  return text.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, '');
}

const COMPOSABLE_DISCLAIMER =
  'You can now use composable image to install runtimes and tools in your application container. To find out more, see the [Composable image](/create-apps/app-reference/composable-image.md) topic.';

/** Paired and conditional block shortcodes: admonitions, tabs, config-version switches. */
export const blockShortcodes: Record<string, ShortcodeDefinition> = {
  note: { render: renderNote, paired: true, block: true },
  codetabs: { render: renderCodetabsShortcode, paired: true, block: true },
  'composable/disclaimer': { render: () => formatNote('Note', COMPOSABLE_DISCLAIMER), block: true },
  'version/specific': { render: renderVersionSpecific, paired: true },
  'version/only': { render: renderVersionOnly, paired: true },
  'version/ifelse': { render: renderVersionIfElse },
  // The template list only renders for config version 1 (Platform.sh); its cards are UI, so list names only.
  repolist: { render: (call, env) => (readConfigVersion(env) === 1 ? renderTemplateList(call, env) : '') },
};

function renderTemplateList(call: ShortcodeCall, env: RenderEnv): string {
  const lang = readArg(call, 'lang') ?? '';
  const templates = (env.site.data.templates as Record<string, Array<{ name?: string; repo?: string; description?: string }>> | undefined)?.[lang];
  if (!templates || templates.length === 0) return '_Templates in development._';
  const intro = `The following list shows templates available for ${readArg(call, 'displayName') ?? lang} apps.`;
  const items = [...templates]
    .sort((left, right) => (left.name ?? '').localeCompare(right.name ?? ''))
    .map((template) => `- [${template.name}](${template.repo ?? ''})`);
  return [intro, '', ...items].join('\n');
}
