import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderEnv } from './shortcode-call.js';
import { trimBlankLines } from './format-note.js';

const TAB_SEPARATOR = '<--->';
const PARAMS_FENCE = '\n+++\n';

interface Tab {
  params: Map<string, string>;
  body: string;
}

/**
 * Render the inside of a `codetabs` block (the format of `partials/codetabs/tabs.html`: tabs split
 * on `<--->`, each `+++`-fenced `key=value` lines then a body) as sequential sections:
 * `**Title**`, then the body, fenced when the tab sets `highlight=`.
 */
export function renderCodetabs(inner: string, env: RenderEnv, line: number): string {
  const out: string[] = [];
  for (const tab of splitTabs(inner)) {
    const title = tab.params.get('title');
    if (title) out.push(`**${env.renderString(title, line).trim()}**`);
    out.push(renderTabBody(tab, env, line));
  }
  return out.filter((part) => part !== '').join('\n\n');
}

function splitTabs(inner: string): Tab[] {
  const tabs: Tab[] = [];
  for (const chunk of inner.split(TAB_SEPARATOR)) {
    const parts = `\n${chunk.replace(/^[ \t]*\r?\n/, '')}`.replace(/\r\n/g, '\n').split(PARAMS_FENCE);
    if (parts.length < 3) {
      if (chunk.trim() !== '') tabs.push({ params: new Map(), body: chunk });
      continue;
    }
    const params = new Map<string, string>();
    for (const paramLine of (parts[1] ?? '').split('\n')) {
      const equals = paramLine.indexOf('=');
      if (equals > 0) params.set(paramLine.slice(0, equals).trim(), paramLine.slice(equals + 1).trim());
    }
    tabs.push({ params, body: parts.slice(2).join(PARAMS_FENCE) });
  }
  return tabs;
}

function renderTabBody(tab: Tab, env: RenderEnv, line: number): string {
  const highlight = tab.params.get('highlight');
  const file = tab.params.get('file');
  let body = file !== undefined ? readExampleFile(file, env) : env.renderString(tab.body, line);
  if (body === null) return `_Example \`${file}\` is fetched when the docs site is built and is not part of this snapshot._`;
  body = trimBlankLines(body);
  if (highlight && highlight !== 'false') return `\`\`\`${highlight}\n${dedent(body)}\n\`\`\``;
  return body;
}

/** `file=` paths are relative to the site folder (Hugo's working dir); most are downloaded at build time. */
function readExampleFile(file: string, env: RenderEnv): string | null {
  const path = join(env.site.siteDir, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function dedent(text: string): string {
  const indents = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return common === 0 ? text : text.split('\n').map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0))).join('\n');
}
