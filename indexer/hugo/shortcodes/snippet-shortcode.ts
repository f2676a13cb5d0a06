import { readArg, type RenderEnv, type ShortcodeCall, type ShortcodeDefinition } from './shortcode-call.js';

const APP_NAME_COMMENT = '# The name of the app container. Must be unique within a project.';
const ROOT_COMMENT = "# The location of the application's code.";
const SERVICE_NAME_COMMENT = '# The name of the service container. Must be unique within a project.';

interface SnippetOptions {
  name: string;
  root: string;
  globKey: boolean;
  placeholder: boolean;
  redirect: boolean;
  subDom: string;
  subDir: string;
  inner: string;
  hasInner: boolean;
  version: number;
  prefix: Record<string, string>;
}

/**
 * `snippet`: wraps the YAML between its tags in the top-level keys of the product's config file,
 * reproducing `partials/snippet.html` (application/service/route wrappers and their indentation).
 */
function renderSnippet(call: ShortcodeCall, env: RenderEnv): string {
  const subDom = readArg(call, 'subDom') ?? '';
  const options: SnippetOptions = {
    name: readArg(call, 'name') || 'myapp',
    root: readArg(call, 'root') || '/',
    globKey: (readArg(call, 'globKey') || 'true') === 'true',
    placeholder: (readArg(call, 'placeholder') || 'false') === 'true',
    redirect: (readArg(call, 'redirect') || 'true') !== 'false',
    subDom: subDom === '' ? '' : `${subDom}.`,
    subDir: readArg(call, 'subDir') ?? '',
    inner: trimNewlines(call.inner ?? ''),
    hasInner: (call.inner ?? '') !== '',
    version: Number(env.site.vendor.config.version),
    prefix: env.site.vendor.config.prefix ?? { apps: 'applications', services: 'services', routes: 'routes' },
  };
  const config = readArg(call, 'config') || 'app';
  const render = SNIPPET_RENDERERS[config];
  return render ? trimNewlines(render(options)) : '';
}

const SNIPPET_RENDERERS: Record<string, (options: SnippetOptions) => string> = {
  app: (o) => {
    if (o.version !== 2) {
      if (o.placeholder) return '';
      return o.inner
        .split('\n')
        .filter((line) => line.length !== 1)
        .map((line, index) => (index === 0 ? line.trim() : line))
        .join('\n');
    }
    const key = o.globKey ? `${o.prefix.apps}:\n` : '';
    if (o.placeholder && !o.hasInner) return `# ${key}#  ...`;
    let out = `${key}  ${APP_NAME_COMMENT}\n  ${o.name === 'false' ? 'myapp' : o.name}:`;
    if (o.root !== 'false') out += `\n    ${ROOT_COMMENT}\n    source:\n      root: "${o.root}"`;
    return out + indentLines(o.inner.split('\n').filter((line) => line.length !== 1), '    ');
  },
  apps: (o) => {
    if (o.version !== 2) {
      if (o.placeholder) return '';
      return `${APP_NAME_COMMENT}\n${o.name}:\n    ${ROOT_COMMENT}\n    source:\n        root: "${o.root}"${indentLines(o.inner.split('\n'), '    ')}`;
    }
    const key = o.globKey ? `${o.prefix.apps}:\n` : '';
    if (o.placeholder && !o.hasInner) return `# ${key}#    ...`;
    return `${key}    ${APP_NAME_COMMENT}\n    ${o.name}:\n        ${ROOT_COMMENT}\n        source:\n            root: "${o.root}"${indentLines(o.inner.split('\n'), '        ')}`;
  },
  service: (o) => {
    if (o.version !== 2) return o.placeholder ? '' : `${SERVICE_NAME_COMMENT}\n${o.name}:${o.inner === '' ? '' : `\n${o.inner}`}`;
    const key = o.globKey ? `${o.prefix.services}:\n` : '';
    if (o.placeholder && !o.hasInner) return `# ${key}#  ...`;
    return `${key}  ${SERVICE_NAME_COMMENT}\n  ${o.name}:${indentLines(o.inner.split('\n'), '  ')}`;
  },
  route: (o) => {
    const v2 = o.version === 2;
    if (!v2 && o.placeholder) return '';
    const key = v2 && o.globKey ? `${o.prefix.routes}:\n` : '';
    if (v2 && o.placeholder && !o.hasInner) return `# ${key}#  ...`;
    const pad = v2 ? '  ' : '';
    let out = key;
    if (o.redirect) out += `${pad}"https://www.${o.subDom}{default}/${o.subDir}":\n    type: redirect\n    to: "https://${o.subDom}{default}/${o.subDir}"\n`;
    out += `${pad}"https://${o.subDom}{default}/${o.subDir}":\n    type: upstream\n    upstream: "${o.name}"`;
    return out + indentLines(o.inner.split('\n'), '    ');
  },
};

/** Each line on its own new line with the wrapper's indentation; blank lines stay blank. */
function indentLines(lines: string[], indent: string): string {
  if (lines.length === 1 && lines[0] === '') return '';
  return lines.map((line) => `\n${line.trim() === '' ? '' : indent + line}`).join('');
}

function trimNewlines(text: string): string {
  return text.replace(/^\n+/, '').replace(/\n+$/, '');
}

export const snippetShortcodes: Record<string, ShortcodeDefinition> = {
  snippet: { render: renderSnippet, paired: true },
};
