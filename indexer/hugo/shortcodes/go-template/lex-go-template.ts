/** Tokens inside one `{{ … }}` action of a Go template. */
export type ActionToken =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  /** `.A.B` (an empty list is `.` itself); `adjacent` marks a chain glued to a preceding `)`. */
  | { t: 'field'; v: string[]; adjacent: boolean }
  | { t: 'var'; name: string; fields: string[] }
  | { t: 'ident'; v: string }
  | { t: '(' | ')' | '|' | ':=' | '=' | ',' };

export type TemplateItem = { kind: 'text'; text: string } | { kind: 'action'; tokens: ActionToken[] };

/**
 * Split a Go template into text and actions, applying `{{-`/`-}}` whitespace trimming and
 * dropping `{{/* comments *\/}}`. Strings are lexed properly because raw strings in the
 * theme's templates contain shortcode tags, `}}` included.
 */
export function lexGoTemplate(source: string): TemplateItem[] {
  const items: TemplateItem[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos <= source.length) {
    const open = source.indexOf('{{', pos);
    let text = source.slice(pos, open < 0 ? source.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      if (text) items.push({ kind: 'text', text });
      break;
    }
    let index = open + 2;
    if (source[index] === '-' && /\s/.test(source[index + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      index += 1;
    }
    if (text) items.push({ kind: 'text', text });
    const action = lexAction(source, index);
    if (action.tokens) items.push({ kind: 'action', tokens: action.tokens });
    trimNext = action.trimRight;
    pos = action.end;
  }
  return items;
}

function lexAction(source: string, start: number): { tokens: ActionToken[] | null; end: number; trimRight: boolean } {
  let pos = start;
  const skipSpace = (): void => {
    while (pos < source.length && /\s/.test(source[pos] ?? '')) pos += 1;
  };
  skipSpace();
  if (source.startsWith('/*', pos)) {
    const close = source.indexOf('*/', pos + 2);
    if (close < 0) throw new Error('unclosed template comment');
    pos = close + 2;
    skipSpace();
    const trimRight = source.startsWith('-}}', pos);
    if (trimRight) pos += 1;
    if (!source.startsWith('}}', pos)) throw new Error('template comment not followed by }}');
    return { tokens: null, end: pos + 2, trimRight };
  }
  const tokens: ActionToken[] = [];
  for (;;) {
    const hadSpace = pos > 0 && /\s/.test(source[pos] ?? '');
    skipSpace();
    if (pos >= source.length) throw new Error('unclosed template action');
    if (source.startsWith('-}}', pos) && hadSpace) return { tokens, end: pos + 3, trimRight: true };
    if (source.startsWith('}}', pos)) return { tokens, end: pos + 2, trimRight: false };
    const char = source[pos] as string;
    const rest = source.slice(pos, pos + 200);
    if (char === '"') {
      const match = /^"(?:[^"\\]|\\.)*"/.exec(source.slice(pos));
      if (!match) throw new Error('unterminated string in template');
      tokens.push({ t: 'str', v: JSON.parse(match[0].replace(/\\([^"\\/bfnrtu])/g, '$1')) as string });
      pos += match[0].length;
    } else if (char === '`') {
      const close = source.indexOf('`', pos + 1);
      if (close < 0) throw new Error('unterminated raw string in template');
      tokens.push({ t: 'str', v: source.slice(pos + 1, close) });
      pos = close + 1;
    } else if (char === '(' || char === ')' || char === '|' || char === ',') {
      tokens.push({ t: char });
      pos += 1;
    } else if (rest.startsWith(':=')) {
      tokens.push({ t: ':=' });
      pos += 2;
    } else if (char === '=') {
      tokens.push({ t: '=' });
      pos += 1;
    } else if (char === '.') {
      const match = /^(?:\.[A-Za-z_]\w*)+|^\./.exec(rest) as RegExpExecArray;
      const previous = tokens[tokens.length - 1]?.t;
      // `(pipeline).Field` and `now.Year`: a field glued to what precedes it reads a field of that value.
      const adjacent = (previous === ')' || previous === 'ident') && !/\s/.test(source[pos - 1] ?? '');
      tokens.push({ t: 'field', v: match[0] === '.' ? [] : match[0].slice(1).split('.'), adjacent });
      pos += match[0].length;
    } else if (char === '$') {
      const match = /^\$(\w*)((?:\.[A-Za-z_]\w*)*)/.exec(rest) as RegExpExecArray;
      tokens.push({ t: 'var', name: `$${match[1] ?? ''}`, fields: match[2] ? match[2].slice(1).split('.') : [] });
      pos += match[0].length;
    } else if (/[-\d]/.test(char) && /^-?\d/.test(rest)) {
      const match = /^-?\d+(?:\.\d+)?/.exec(rest) as RegExpExecArray;
      tokens.push({ t: 'num', v: Number(match[0]) });
      pos += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_]\w*/.exec(rest) as RegExpExecArray;
      const word = match[0];
      if (word === 'true' || word === 'false') tokens.push({ t: 'bool', v: word === 'true' });
      else if (word === 'nil') tokens.push({ t: 'nil' });
      else tokens.push({ t: 'ident', v: word });
      pos += word.length;
    } else {
      throw new Error(`unexpected '${char}' in template action`);
    }
  }
}
