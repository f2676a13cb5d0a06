import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateGoTemplate, formatValue, readField } from './go-template/evaluate-go-template.js';
import { createHugoFunctions } from './go-template/hugo-functions.js';
import { formatNote } from './format-note.js';
import { convertHtmlToMarkdown } from './html-to-markdown.js';
import { createShortcodeDot } from './hugo-objects.js';
import { renderCodetabs } from './render-codetabs.js';
import { readArg, ShortcodeError, type RenderEnv, type ShortcodeCall, type ShortcodeDefinition } from './shortcode-call.js';
import type { TemplateFile } from './template-files.js';

/**
 * Render a shortcode from its template file (`layouts/shortcodes/<name>.{md,html}`) with the Go
 * template evaluator. This covers the reusable text snippets (`sanitize-dbs/*`,
 * `source-integration/*`, `guides/*`, …) without a handler per file.
 */
export function renderTemplateShortcode(call: ShortcodeCall, env: RenderEnv, template: TemplateFile): string {
  const dot = createShortcodeDot(call, env);
  const output = runTemplate(template, dot, env, call.line);
  return finishOutput(output, template.format);
}

/** `partial "<file>"`: include a partial template (the sellable-feature banners) with the shortcode's context. */
function renderPartialShortcode(call: ShortcodeCall, env: RenderEnv): string {
  const name = readArg(call, 0);
  if (!name) throw new ShortcodeError('partial needs a file name, as in {{< partial "bun/body.md" >}}');
  const output = formatValue(renderPartial(name, createShortcodeDot(call, env), env, call.line));
  return finishOutput(output, name.endsWith('.md') ? 'md' : 'html');
}

function runTemplate(template: TemplateFile, dot: unknown, env: RenderEnv, line: number): string {
  const functions = createHugoFunctions({
    partial: (name, context) => renderPartial(name, context, env, line),
    readFile: (path) => readSiteFile(path, env, line),
    renderString: (text) => env.renderString(text, line),
    year: env.buildYear,
  });
  try {
    return evaluateGoTemplate(template.parse(), dot, functions);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShortcodeError(`template ${template.path.split('/layouts/')[1] ?? template.path} failed: ${reason}`, { cause: error });
  }
}

/**
 * Partials with a Markdown meaning are rendered directly (admonitions, tabs, banners); the
 * others are evaluated from their files.
 */
function renderPartial(name: string, context: unknown, env: RenderEnv, line: number): unknown {
  const read = (key: string): string => formatValue(readField(context, key));
  switch (name.replace(/\.html$/, '')) {
    case 'note':
      return `\n\n${formatNote(read('title') || undefined, env.renderString(read('Inner'), line))}\n\n`;
    case 'codetabs/tabs':
      return `\n\n${renderCodetabs(read('Inner'), env, line)}\n\n`;
    case 'premium-features/banner':
      return `\n\n${formatNote(read('title'), env.renderString(read('content'), line))}\n\n`;
    case 'premium-features/badge':
      return '(Premium)';
    case 'file-not-found':
      return `_The file \`${formatValue(context)}\` is fetched when the docs site is built and is not part of this snapshot._`;
    default: {
      const template = env.templates.findPartial(name);
      if (!template) throw new ShortcodeError(`no partial '${name}' in the theme`);
      return runTemplate(template, context, env, line);
    }
  }
}

/** Hugo's `readFile` reads from the site folder; files fetched at build time are missing here. */
function readSiteFile(path: string, env: RenderEnv, line: number): string {
  // Hugo's working dir is the site folder; themes layer their own layouts/ on top of it.
  const themeRoots = env.site.layoutDirs.map((dir) => join(dir, '..'));
  for (const base of [env.site.siteDir, env.site.contentDir, ...themeRoots]) {
    const full = join(base, path);
    if (existsSync(full)) return readFileSync(full, 'utf8');
  }
  env.warn('file', line, `readFile: '${path}' is generated or fetched at site build time and is not in the docs tree; a placeholder stands in for it.`);
  // Every readFile in the theme's templates lands in a code block, so the placeholder is plain text.
  return `(file '${path}' is fetched when the docs site is built and is not part of this snapshot)`;
}

const HTML_BLOCK = /<(?:ol|ul|div|table|p|h[1-6])\b/;

/**
 * Template output is laid out for Hugo, with blank lines left by `{{ if }}`/`{{ range }}`
 * actions: normalize it so lists stay tight and paragraphs are separated by one blank line.
 */
function finishOutput(output: string, format: 'md' | 'html'): string {
  const markdown = format === 'html' || HTML_BLOCK.test(output) ? convertHtmlToMarkdown(output) : output.replace(/<!-- shortcode (?:start|end) [^>]*-->/g, '');
  return markdown
    .replace(/^[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^(- .*)\n\n(?=- )/gm, '$1\n')
    .trim();
}

export const templateShortcodes: Record<string, ShortcodeDefinition> = {
  partial: { render: renderPartialShortcode, block: true },
};
