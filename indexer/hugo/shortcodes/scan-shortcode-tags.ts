import type { ShortcodeArg } from './shortcode-call.js';

/** One `{{< … >}}` / `{{% … %}}` tag found in a text. */
export interface ShortcodeTag {
  /** Offsets of the whole tag in the scanned text, end exclusive. */
  start: number;
  end: number;
  name: string;
  closing: boolean;
  /** `{{% x / %}}`: a paired shortcode with empty inner text. */
  selfClosing: boolean;
  args: ShortcodeArg[];
}

/** A stretch the scanner could not read as a tag; it is removed from the output with a warning. */
export interface MalformedTag {
  start: number;
  end: number;
  message: string;
}

/** Hugo's escape form (a tag whose body is wrapped in a Go comment) renders the tag literally, without the comment markers. */
export interface EscapedTag {
  start: number;
  end: number;
  literal: string;
}

export type ScannedItem = ({ kind: 'tag' } & ShortcodeTag) | ({ kind: 'malformed' } & MalformedTag) | ({ kind: 'escaped' } & EscapedTag);

/**
 * Find every shortcode tag in `text`, in order. Opening and closing delimiters may differ
 * (`{{% note %}}…{{< /note >}}` is in the corpus), quoted arguments may hold nested tags and
 * backslash-escaped quotes, and tags may span lines.
 */
export function scanShortcodeTags(text: string): ScannedItem[] {
  const items: ScannedItem[] = [];
  let pos = 0;
  for (;;) {
    const start = findOpener(text, pos);
    if (start < 0) break;
    const item = readTag(text, start);
    items.push(item);
    pos = item.end;
  }
  return items;
}

function findOpener(text: string, from: number): number {
  let index = text.indexOf('{{', from);
  while (index >= 0) {
    const next = text[index + 2];
    if (next === '<' || next === '%') return index;
    index = text.indexOf('{{', index + 1);
  }
  return -1;
}

function readTag(text: string, start: number): ScannedItem {
  const reader = new TagReader(text, start + 3);
  try {
    reader.skipSpace();
    if (reader.peek('/*')) return readEscapedTag(text, start);
    const closing = reader.consume('/');
    reader.skipSpace();
    const name = reader.readName();
    if (name === '') throw new Error('shortcode tag without a name');
    const args: ShortcodeArg[] = [];
    for (;;) {
      reader.skipSpace();
      if (reader.atEnd()) throw new Error(`tag '${name}' is not closed with >}} or %}}`);
      if (reader.consumeCloser()) return { kind: 'tag', start, end: reader.pos, name, closing, selfClosing: false, args };
      if (reader.peek('/')) {
        const save = reader.pos;
        reader.pos += 1;
        reader.skipSpace();
        if (reader.consumeCloser()) return { kind: 'tag', start, end: reader.pos, name, closing, selfClosing: true, args };
        reader.pos = save;
      }
      args.push(reader.readArg());
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'malformed', start, end: findRecoveryEnd(text, start), message };
  }
}

/** Drop a broken tag up to the next closing delimiter on its line, or just its opener when there is none. */
function findRecoveryEnd(text: string, start: number): number {
  const lineEnd = text.indexOf('\n', start);
  const limit = lineEnd < 0 ? text.length : lineEnd;
  let best = -1;
  for (const closer of ['>}}', '%}}']) {
    const index = text.indexOf(closer, start + 3);
    if (index >= 0 && index < limit && (best < 0 || index < best)) best = index;
  }
  return best >= 0 ? best + 3 : start + 3;
}

function readEscapedTag(text: string, start: number): ScannedItem {
  const match = /^\{\{([<%])\s*\/\*([\s\S]*?)\*\/\s*([>%])\}\}/.exec(text.slice(start));
  if (!match) return { kind: 'malformed', start, end: findRecoveryEnd(text, start), message: 'unterminated {{</* */>}} escape' };
  return { kind: 'escaped', start, end: start + match[0].length, literal: `{{${match[1]}${match[2]}${match[3]}}}` };
}

class TagReader {
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(literal: string): boolean {
    return this.text.startsWith(literal, this.pos);
  }

  consume(literal: string): boolean {
    if (!this.peek(literal)) return false;
    this.pos += literal.length;
    return true;
  }

  consumeCloser(): boolean {
    return this.consume('>}}') || this.consume('%}}');
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  readName(): string {
    const match = /^[\w./-]+/.exec(this.text.slice(this.pos, this.pos + 200));
    let name = match?.[0] ?? '';
    // `{{% x/ %}}` would otherwise read the self-closing slash as part of the name.
    if (name.endsWith('/') && /^\s*[>%]\}\}/.test(this.text.slice(this.pos + name.length))) name = name.slice(0, -1);
    this.pos += name.length;
    return name;
  }

  readArg(): ShortcodeArg {
    const first = this.readValue();
    if (!first.quoted && this.consume('=')) {
      // `theme= "warning"` is in the corpus and Hugo accepts it.
      this.skipSpace();
      const value = this.readValue();
      return { name: first.value, value: value.value, quoted: value.quoted };
    }
    return first;
  }

  private readValue(): { value: string; quoted: boolean } {
    const quote = this.text[this.pos];
    if (quote === '"') return { value: this.readQuoted(), quoted: true };
    // `{{% latest \"network-storage\" %}}` outside any quotes: escaped quotes still delimit the value.
    if (this.peek('\\"')) {
      const end = this.text.indexOf('\\"', this.pos + 2);
      if (end < 0) throw new Error('unterminated \\"quoted\\" argument');
      const value = this.text.slice(this.pos + 2, end);
      this.pos = end + 2;
      return { value, quoted: true };
    }
    if (quote === '`') {
      const end = this.text.indexOf('`', this.pos + 1);
      if (end < 0) throw new Error('unterminated `raw string` argument');
      const value = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { value, quoted: true };
    }
    const start = this.pos;
    while (!this.atEnd() && !/[\s=]/.test(this.text[this.pos] ?? '') && !this.peek('>}}') && !this.peek('%}}')) this.pos += 1;
    if (this.pos === start) throw new Error(`unexpected '${this.text[this.pos] ?? ''}' in the arguments`);
    return { value: this.text.slice(start, this.pos), quoted: false };
  }

  private readQuoted(): string {
    let value = '';
    let index = this.pos + 1;
    while (index < this.text.length) {
      const char = this.text[index];
      if (char === '\\' && (this.text[index + 1] === '"' || this.text[index + 1] === '\\')) {
        value += this.text[index + 1];
        index += 2;
        continue;
      }
      if (char === '"') {
        this.pos = index + 1;
        return value;
      }
      // A quoted value may hold a nested tag, but never a paragraph break: stop runaway quotes early.
      if (char === '\n' && this.text[index + 1] === '\n') break;
      value += char;
      index += 1;
    }
    throw new Error('unterminated "quoted" argument');
  }
}
