import type { FrontMatter, IndexWarning } from '../../types.js';
import type { HugoSite } from '../site.js';
import { buildShortcodeTree, type ShortcodeNode } from './build-shortcode-tree.js';
import { scanShortcodeTags, type ShortcodeTag } from './scan-shortcode-tags.js';
import type { PageInfo, RenderEnv, ShortcodeCall } from './shortcode-call.js';
import { listShortcodeDefinitions } from './shortcode-definitions.js';
import { TemplateFiles } from './template-files.js';
import { renderTemplateShortcode } from './template-shortcode.js';

export type { PageInfo } from './shortcode-call.js';
export { TemplateFiles } from './template-files.js';

export interface ShortcodeContext {
  site: HugoSite;
  /** The page being rendered: path under the content dir (e.g. 'add-services/redis.md'), its file path relative to the docs root for warnings (e.g. 'sites/upsun/src/add-services/redis.md'), its front matter (title/description already resolved). */
  page: { path: string; file: string; frontMatter: FrontMatter };
  /** Every page of the product by content path, for shortcodes that list pages (access-services, etc.). */
  pages: ReadonlyMap<string, PageInfo>;
  /**
   * Template files read so far. Pass one `new TemplateFiles(site.layoutDirs)` for a whole build so
   * each template is read and parsed once; without it every call starts an empty cache.
   */
  templates?: TemplateFiles;
  /** The year `current-year` prints; defaults to the current year. Fix it for reproducible builds. */
  buildYear?: number;
}

export interface ResolveResult {
  text: string;
  warnings: IndexWarning[];
}

/** Resolve every shortcode in `text` (a page body, or a front matter string). `firstLine` is the 1-based file line where `text` starts, for warnings. */
export function resolveShortcodes(text: string, ctx: ShortcodeContext, options: { firstLine?: number } = {}): ResolveResult {
  const resolver = new ShortcodeResolver(ctx);
  const resolved = resolver.resolve(text, { firstLine: options.firstLine ?? 1 });
  return { text: resolved, warnings: resolver.warnings };
}

/** Where warnings for a text point: line counting from `firstLine`, or one fixed line for text produced by a template. */
type LinePosition = { firstLine: number } | { fixedLine: number };

/** Nested resolution (templates calling RenderString on text that renders more templates) stops here. */
const MAX_DEPTH = 20;

class ShortcodeResolver {
  readonly warnings: IndexWarning[] = [];
  private readonly definitions = listShortcodeDefinitions();
  private readonly env: RenderEnv;
  private depth = 0;

  constructor(ctx: ShortcodeContext) {
    this.env = {
      site: ctx.site,
      page: ctx.page,
      pages: ctx.pages,
      templates: ctx.templates ?? TemplateFiles.forSite(ctx.site),
      buildYear: ctx.buildYear ?? new Date().getFullYear(),
      renderString: (value, line) => this.resolve(value, { fixedLine: line }),
      warn: (kind, line, message) => this.warnings.push({ kind, file: ctx.page.file, line, message }),
    };
  }

  resolve(text: string, position: LinePosition): string {
    if (!text.includes('{{<') && !text.includes('{{%')) return text;
    if (this.depth >= MAX_DEPTH) {
      this.env.warn('shortcode-error', 'fixedLine' in position ? position.fixedLine : position.firstLine, 'shortcodes nest too deeply; left unresolved text out');
      return '';
    }
    this.depth += 1;
    try {
      const lineAt = createLineLocator(text, position);
      const tree = buildShortcodeTree(text, scanShortcodeTags(text), (name) => this.needsClosing(name));
      return this.renderNodes(tree, text, lineAt);
    } finally {
      this.depth -= 1;
    }
  }

  private needsClosing(name: string): boolean {
    const definition = this.definitions.get(name);
    if (definition) return definition.paired === true;
    return this.env.templates.findShortcode(name)?.source.includes('.Inner') ?? false;
  }

  private renderNodes(nodes: ShortcodeNode[], text: string, lineAt: (offset: number) => number): string {
    let out = '';
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          out += this.dropStrayClosers(node.text, node.start, lineAt);
          break;
        case 'literal':
          out += node.text;
          break;
        case 'malformed':
          this.env.warn('shortcode-error', lineAt(node.start), `Unreadable shortcode tag (${node.message}); tag dropped.`);
          break;
        case 'orphan-close':
          this.env.warn('shortcode-error', lineAt(node.tag.start), `Closing tag {{< /${node.tag.name} >}} has no opening tag; dropped.`);
          break;
        case 'shortcode':
          out += this.renderShortcode(node, text, lineAt);
          break;
      }
    }
    return out;
  }

  private renderShortcode(node: Extract<ShortcodeNode, { kind: 'shortcode' }>, text: string, lineAt: (offset: number) => number): string {
    const { tag } = node;
    const line = lineAt(tag.start);
    if (node.unclosed) {
      this.env.warn('unclosed-shortcode', line, `{{< ${tag.name} >}} is never closed with {{< /${tag.name} >}}; the tag was dropped and the text after it kept.`);
      return '';
    }
    const definition = this.definitions.get(tag.name);
    const template = definition ? null : this.env.templates.findShortcode(tag.name);
    const indent = definition?.block ? readLineIndent(text, tag.start) : '';
    const inner = node.children === undefined ? undefined : removeIndent(this.renderNodes(node.children, text, lineAt), indent);
    if (!definition && !template) {
      this.env.warn('unknown-shortcode', line, `Unknown shortcode '${tag.name}' (no handler and no template in the theme); kept its inner text only.`);
      return inner ?? '';
    }
    const call: ShortcodeCall = { name: tag.name, args: this.resolveArgs(tag, line), inner, line };
    try {
      const output = definition ? definition.render(call, this.env) : renderTemplateShortcode(call, this.env, template as NonNullable<typeof template>);
      return indent === '' ? output : output.replace(/\n(?=.)/g, `\n${indent}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.env.warn('shortcode-error', line, `Shortcode '${tag.name}' could not be rendered: ${reason}; kept its inner text only.`);
      return inner ?? '';
    }
  }

  /** A `>}}` or `%}}` outside any tag is a typo in the page; Hugo prints it, a reader gains nothing from it. */
  private dropStrayClosers(text: string, start: number, lineAt: (offset: number) => number): string {
    if (!text.includes('}}')) return text;
    return text.replace(/[>%]\}\}/g, (_closer, offset: number) => {
      this.env.warn('shortcode-error', lineAt(start + offset), 'Stray closing delimiter with no opening tag; dropped.');
      return '';
    });
  }

  /** Arguments may hold shortcodes themselves (`title="Version {{% latest \"x\" %}}"`). */
  private resolveArgs(tag: ShortcodeTag, line: number): ShortcodeTag['args'] {
    return tag.args.map((arg) => (arg.value.includes('{{') ? { ...arg, value: this.resolve(arg.value, { fixedLine: line }) } : arg));
  }
}

function createLineLocator(text: string, position: LinePosition): (offset: number) => number {
  if ('fixedLine' in position) return () => position.fixedLine;
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return position.firstLine + low;
  };
}

/** The whitespace before a tag that starts its line (inside a list item, say); '' when text precedes it. */
function readLineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  return /^[ \t]+$/.test(prefix) ? prefix : '';
}

function removeIndent(text: string, indent: string): string {
  if (indent === '') return text;
  return text
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}
