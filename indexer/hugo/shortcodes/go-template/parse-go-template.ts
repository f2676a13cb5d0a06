import { lexGoTemplate, type ActionToken, type TemplateItem } from './lex-go-template.js';

export type Operand =
  | { t: 'lit'; v: unknown }
  | { t: 'field'; path: string[] }
  | { t: 'var'; name: string; path: string[] }
  | { t: 'ident'; name: string }
  | { t: 'sub'; pipe: Pipeline; path: string[] };

export interface Pipeline {
  /** `$x := …` declares, `$x = …` assigns; `range $k, $v :=` declares two. */
  decl?: { names: string[]; op: ':=' | '=' };
  commands: Operand[][];
}

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline }
  | { kind: 'if' | 'with'; pipe: Pipeline; body: TemplateNode[]; otherwise: TemplateNode[] }
  | { kind: 'range'; pipe: Pipeline; body: TemplateNode[]; otherwise: TemplateNode[] };

/**
 * Parse the subset of Go's text/template the docs theme uses: output actions, variables,
 * pipelines, `if`/`else if`/`with`/`range`/`end`. `define`/`template`/`block` are not supported.
 */
export function parseGoTemplate(source: string): TemplateNode[] {
  const parser = new TemplateParser(lexGoTemplate(source));
  const { nodes, stop } = parser.parseList();
  if (stop) throw new Error(`unexpected {{ ${stop.keyword} }}`);
  return nodes;
}

interface Stop {
  keyword: 'end' | 'else';
  /** Tokens after `else` (for `else if …` / `else with …`). */
  rest: ActionToken[];
}

class TemplateParser {
  private index = 0;

  constructor(private readonly items: TemplateItem[]) {}

  parseList(): { nodes: TemplateNode[]; stop: Stop | null } {
    const nodes: TemplateNode[] = [];
    while (this.index < this.items.length) {
      const item = this.items[this.index] as TemplateItem;
      this.index += 1;
      if (item.kind === 'text') {
        nodes.push({ kind: 'text', text: item.text });
        continue;
      }
      const [head, ...rest] = item.tokens;
      if (head?.t === 'ident' && (head.v === 'end' || head.v === 'else')) return { nodes, stop: { keyword: head.v, rest } };
      if (head?.t === 'ident' && (head.v === 'if' || head.v === 'with' || head.v === 'range')) {
        nodes.push(this.parseBlock(head.v, rest));
        continue;
      }
      if (head?.t === 'ident' && ['define', 'template', 'block', 'break', 'continue'].includes(head.v)) {
        throw new Error(`{{ ${head.v} }} is not supported by this template evaluator`);
      }
      nodes.push({ kind: 'action', pipe: parsePipeline(item.tokens) });
    }
    return { nodes, stop: null };
  }

  private parseBlock(keyword: 'if' | 'with' | 'range', tokens: ActionToken[]): TemplateNode {
    const pipe = parsePipeline(tokens);
    const { nodes: body, stop } = this.parseList();
    if (!stop) throw new Error(`{{ ${keyword} }} without {{ end }}`);
    let otherwise: TemplateNode[] = [];
    if (stop.keyword === 'else') {
      const [next, ...rest] = stop.rest;
      if (next?.t === 'ident' && (next.v === 'if' || next.v === 'with')) {
        // `else if` shares the chain's single `end`, so the nested block consumes it.
        otherwise = [this.parseBlock(next.v, rest)];
      } else {
        const tail = this.parseList();
        if (tail.stop?.keyword !== 'end') throw new Error(`{{ else }} of {{ ${keyword} }} without {{ end }}`);
        otherwise = tail.nodes;
      }
    }
    return { kind: keyword, pipe, body, otherwise };
  }
}

function parsePipeline(tokens: ActionToken[]): Pipeline {
  const reader = { tokens, pos: 0 };
  const pipe = readPipeline(reader);
  if (reader.pos < tokens.length) throw new Error(`unexpected '${describe(tokens[reader.pos])}' in template action`);
  return pipe;
}

interface TokenReader {
  tokens: ActionToken[];
  pos: number;
}

function readPipeline(reader: TokenReader): Pipeline {
  const pipe: Pipeline = { commands: [] };
  const declNames = readDeclaration(reader);
  if (declNames) pipe.decl = declNames;
  let command: Operand[] = [];
  while (reader.pos < reader.tokens.length) {
    const token = reader.tokens[reader.pos] as ActionToken;
    if (token.t === ')') break;
    reader.pos += 1;
    if (token.t === '|') {
      if (command.length === 0) throw new Error('empty command before |');
      pipe.commands.push(command);
      command = [];
      continue;
    }
    command.push(readOperand(token, reader));
  }
  if (command.length > 0) pipe.commands.push(command);
  if (pipe.commands.length === 0) throw new Error('empty template action');
  return pipe;
}

function readDeclaration(reader: TokenReader): Pipeline['decl'] | undefined {
  const names: string[] = [];
  let pos = reader.pos;
  for (;;) {
    const token = reader.tokens[pos];
    if (token?.t !== 'var' || token.fields.length > 0) return undefined;
    names.push(token.name);
    const next = reader.tokens[pos + 1];
    if (next?.t === ',') {
      pos += 2;
      continue;
    }
    if (next?.t === ':=' || next?.t === '=') {
      reader.pos = pos + 2;
      return { names, op: next.t };
    }
    return undefined;
  }
}

function readOperand(token: ActionToken, reader: TokenReader): Operand {
  switch (token.t) {
    case 'str':
    case 'num':
    case 'bool':
      return { t: 'lit', v: token.v };
    case 'nil':
      return { t: 'lit', v: undefined };
    case 'field':
      return { t: 'field', path: token.v };
    case 'var':
      return { t: 'var', name: token.name, path: token.fields };
    case 'ident': {
      const chained = reader.tokens[reader.pos];
      if (chained?.t === 'field' && chained.adjacent) {
        reader.pos += 1;
        return { t: 'sub', pipe: { commands: [[{ t: 'ident', name: token.v }]] }, path: chained.v };
      }
      return { t: 'ident', name: token.v };
    }
    case '(': {
      const pipe = readPipeline(reader);
      if (reader.tokens[reader.pos]?.t !== ')') throw new Error('missing ) in template action');
      reader.pos += 1;
      const chained = reader.tokens[reader.pos];
      if (chained?.t === 'field' && chained.adjacent) {
        reader.pos += 1;
        return { t: 'sub', pipe, path: chained.v };
      }
      return { t: 'sub', pipe, path: [] };
    }
    default:
      throw new Error(`unexpected '${describe(token)}' in template action`);
  }
}

function describe(token: ActionToken | undefined): string {
  if (!token) return 'end of action';
  return 'v' in token ? String(token.v) : token.t;
}
