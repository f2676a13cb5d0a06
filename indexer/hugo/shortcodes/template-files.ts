import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HugoSite } from '../site.js';
import { parseGoTemplate, type TemplateNode } from './go-template/parse-go-template.js';

/** A template file found in the site's layouts, read and parsed once. */
export interface TemplateFile {
  path: string;
  /** `.md` shortcode output is Markdown; `.html` output is converted to Markdown. */
  format: 'md' | 'html';
  source: string;
  /** Parsed lazily: most lookups only need to know whether the file exists or uses `.Inner`. */
  parse(): TemplateNode[];
}

/**
 * Looks up shortcode and partial templates the way Hugo does (site layouts before the theme's) and
 * keeps what it read, so a build reads each file once. One instance per build, owned by the caller.
 */
export class TemplateFiles {
  private readonly cache = new Map<string, TemplateFile | null>();

  constructor(private readonly layoutDirs: readonly string[]) {}

  static forSite(site: HugoSite): TemplateFiles {
    return new TemplateFiles(site.layoutDirs);
  }

  /** `layouts/shortcodes/<name>.{md,html}`. */
  findShortcode(name: string): TemplateFile | null {
    return this.find(`shortcodes/${name}`, ['.md', '.html']);
  }

  /** `layouts/partials/<name>`, `.html` appended when the name has no extension. */
  findPartial(name: string): TemplateFile | null {
    return /\.(md|html)$/.test(name) ? this.find(`partials/${name}`, ['']) : this.find(`partials/${name}`, ['.html', '.md']);
  }

  private find(base: string, extensions: readonly string[]): TemplateFile | null {
    const cached = this.cache.get(base);
    if (cached !== undefined) return cached;
    let found: TemplateFile | null = null;
    search: for (const dir of this.layoutDirs) {
      for (const ext of extensions) {
        const path = join(dir, base + ext);
        if (existsSync(path)) {
          found = createTemplateFile(path, readFileSync(path, 'utf8'));
          break search;
        }
      }
    }
    this.cache.set(base, found);
    return found;
  }
}

function createTemplateFile(path: string, source: string): TemplateFile {
  let parsed: TemplateNode[] | undefined;
  return {
    path,
    format: path.endsWith('.md') ? 'md' : 'html',
    source,
    parse: () => (parsed ??= parseGoTemplate(source)),
  };
}
