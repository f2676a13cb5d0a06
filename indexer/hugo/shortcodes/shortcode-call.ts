import type { FrontMatter, IndexWarning } from '../../types.js';
import type { HugoSite } from '../site.js';
import type { TemplateFiles } from './template-files.js';

/** One argument of a shortcode tag, as written. */
export interface ShortcodeArg {
  /** Set for `key=value` arguments. */
  name?: string;
  value: string;
  /** Unquoted `true`/`false` are booleans in Hugo; quoted ones stay strings. */
  quoted: boolean;
}

/** A shortcode invocation with its arguments resolved and, for paired shortcodes, its inner text already rendered. */
export interface ShortcodeCall {
  name: string;
  args: ShortcodeArg[];
  /** Rendered inner text; undefined for an inline (unpaired) tag. */
  inner: string | undefined;
  /** 1-based file line of the opening tag. */
  line: number;
}

/** A page of the product, for shortcodes that list pages (`.Site.GetPage`, `.Page.Pages`). */
export interface PageInfo {
  /** Path under the content dir, e.g. 'add-services/redis.md'. */
  path: string;
  title: string;
  description: string;
  weight?: number;
  sidebarIgnore?: boolean;
  /** Short nav title; `access-services` prefers it to the title, as Hugo's template does. */
  sidebarTitle?: string;
}

/** What a handler may use while rendering one shortcode. */
export interface RenderEnv {
  site: HugoSite;
  page: { path: string; file: string; frontMatter: FrontMatter };
  pages: ReadonlyMap<string, PageInfo>;
  templates: TemplateFiles;
  buildYear: number;
  /** Resolve shortcodes in a string (Hugo's `.Page.RenderString`); warnings are reported at `line`. */
  renderString(text: string, line: number): string;
  warn(kind: IndexWarning['kind'], line: number, message: string): void;
}

/** Render one shortcode to Markdown. Throwing is allowed: the resolver turns it into a warning. */
export type ShortcodeHandler = (call: ShortcodeCall, env: RenderEnv) => string;

export interface ShortcodeDefinition {
  render: ShortcodeHandler;
  /** Paired shortcodes need a closing tag (or the self-closing form); a missing one is a warning. */
  paired?: boolean;
  /** Block output (notes, tabs) is re-indented to the column of the opening tag, so it stays inside list items. */
  block?: boolean;
}

/** `.Get "name"` / `.Get 0` on a call: '' when absent, as Hugo's templates see it after `| default`. */
export function readArg(call: ShortcodeCall, key: string | number): string | undefined {
  if (typeof key === 'number') {
    const positional = call.args.filter((arg) => arg.name === undefined);
    return positional[key]?.value;
  }
  return call.args.find((arg) => arg.name === key)?.value;
}

/** An error a handler throws for bad input; the message becomes the warning text. */
export class ShortcodeError extends Error {
  override name = 'ShortcodeError';
}
