/**
 * Minimal, dependency-free computation of the heading ids Hugo generates for a docs page
 * (Goldmark auto IDs, `github` style), used to check the `anchor` of eval questions.
 *
 * Not a Markdown parser: it reads ATX headings outside fenced code blocks and front matter,
 * resolves the few vendor shortcodes that appear in headings, honours `{#custom-id}`, and
 * de-duplicates ids the way Hugo does (`id`, `id-1`, `id-2`, ...).
 */

/** Values of the vendor shortcodes that occur in headings (sites/upsun/config/_default/params.yaml). */
const SHORTCODES: Record<string, string> = {
  'vendor/name': 'Upsun',
  'vendor/company_name': 'Upsun',
  'vendor/cli': 'upsun',
  'vendor/altname': 'upsun',
};

/** Replace `{{% name %}}` / `{{< name >}}` shortcodes with their values ("" when unknown). */
export function resolveHeadingShortcodes(text: string): string {
  return text.replace(/\{\{[<%]\s*([\w/.-]+)([^}]*?)\s*[>%]\}\}/g, (_m, name: string, args: string) => {
    const known = SHORTCODES[name];
    if (known !== undefined) return known;
    if (name === 'vendor/configfile') return '.upsun/config.yaml';
    if (name === 'vendor/urlraw') return 'https://docs.upsun.com';
    if (name === 'latest') return args.trim().replace(/^"|"$/g, '');
    return '';
  });
}

/** Strip inline Markdown/HTML so only the rendered heading text remains (code spans kept verbatim). */
function renderInline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length >= 2
        ? part.slice(1, -1)
        : part
            .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/<[^>]+>/g, '')
            .replace(/\*\*(.+?)\*\*/g, '$1')
            .replace(/\*(\S(?:.*?\S)?)\*/g, '$1')
            .replace(/(^|[^\p{L}\p{N}])__?(\S(?:.*?\S)?)__?(?=[^\p{L}\p{N}]|$)/gu, '$1$2'),
    )
    .join('');
}

/** Hugo's `github` anchorize: trim, lowercase letters/digits/`_`, space and `-` become `-`, drop the rest. */
export function anchorize(text: string): string {
  let out = '';
  for (const ch of text.trim()) {
    if (ch === ' ' || ch === '-') out += '-';
    else if (ch === '_' || /[\p{L}\p{Nd}]/u.test(ch)) out += ch.toLowerCase();
  }
  return out;
}

export interface Heading {
  level: number;
  text: string;
  id: string;
}

/** Headings of a Markdown page with the ids Hugo gives them, in document order. */
export function extractHeadings(markdown: string): Heading[] {
  const lines = markdown.split(/\r?\n/);
  let i = 0;
  if (lines[0]?.trim() === '---') {
    i = 1;
    while (i < lines.length && lines[i]?.trim() !== '---') i++;
    i++;
  }
  const headings: Heading[] = [];
  const seen = new Set<string>();
  let fence: string | null = null;
  // Tabs of `{{< codetabs >}}` whose `+++` header sets `highlight=` are rendered as code.
  let codeTab = false;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence === null) {
      if (line.trim() === '+++') {
        let j = i + 1;
        while (j < lines.length && lines[j]?.trim() !== '+++') j++;
        codeTab = lines.slice(i + 1, j).some((l) => /^\s*highlight\s*=/.test(l));
        i = j;
        continue;
      }
      if (/^\s*(<--->|\{\{<\s*\/codetabs\s*>\}\})\s*$/.test(line)) {
        codeTab = false;
        continue;
      }
      if (codeTab) continue;
    }
    const fenceMatch = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      // A closing fence has no info string and is at least as long as the opening one.
      else if (marker[0] === fence[0] && marker.length >= fence.length && (fenceMatch[2] ?? '').trim() === '') fence = null;
      continue;
    }
    if (fence !== null) continue;
    const m = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const raw = m[2] ?? '';
    const custom = /\s*\{#([^}\s]+)\}\s*$/.exec(raw);
    const text = renderInline(resolveHeadingShortcodes(custom ? raw.slice(0, custom.index) : raw)).trim();
    let id = custom ? (custom[1] ?? '') : anchorize(text) || 'heading';
    if (!custom && seen.has(id)) {
      let k = 1;
      while (seen.has(`${id}-${k}`)) k++;
      id = `${id}-${k}`;
    }
    seen.add(id);
    headings.push({ level: (m[1] ?? '#').length, text, id });
  }
  return headings;
}

/** The set of heading ids of a page. */
export function headingIds(markdown: string): Set<string> {
  return new Set(extractHeadings(markdown).map((h) => h.id));
}
