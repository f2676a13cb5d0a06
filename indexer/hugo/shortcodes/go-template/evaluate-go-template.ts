import type { Operand, Pipeline, TemplateNode } from './parse-go-template.js';

export type TemplateFunction = (...args: unknown[]) => unknown;

/**
 * Run a parsed template with `dot` as `.` (and `$`). Object properties that are functions act as
 * Go methods: at the head of a command they take the command's arguments, elsewhere none.
 */
export function evaluateGoTemplate(nodes: TemplateNode[], dot: unknown, functions: Readonly<Record<string, TemplateFunction>>): string {
  const root = new Scope(undefined);
  root.declare('$', dot);
  const evaluator = new Evaluator(functions);
  return evaluator.runList(nodes, dot, root);
}

/** Go template truthiness: false, 0, nil, and empty strings, lists and maps are false. */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** How a value prints in template output. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(' ')}]`;
  if (typeof value === 'function') return '';
  return `map[${Object.entries(value as Record<string, unknown>)
    .map(([key, entry]) => `${key}:${formatValue(entry)}`)
    .join(' ')}]`;
}

/** Hugo's maps (params, data) are read case-insensitively. */
export function readField(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (key in record) return record[key];
  const lower = key.toLowerCase();
  const match = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
  return match === undefined ? undefined : record[match];
}

class Scope {
  private readonly vars = new Map<string, unknown>();

  constructor(private readonly parent: Scope | undefined) {}

  declare(name: string, value: unknown): void {
    this.vars.set(name, value);
  }

  assign(name: string, value: unknown): void {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      if (scope.vars.has(name)) {
        scope.vars.set(name, value);
        return;
      }
    }
    throw new Error(`undefined variable ${name}`);
  }

  read(name: string): unknown {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      if (scope.vars.has(name)) return scope.vars.get(name);
    }
    throw new Error(`undefined variable ${name}`);
  }

  child(): Scope {
    return new Scope(this);
  }
}

class Evaluator {
  constructor(private readonly functions: Readonly<Record<string, TemplateFunction>>) {}

  runList(nodes: TemplateNode[], dot: unknown, scope: Scope): string {
    let out = '';
    for (const node of nodes) out += this.runNode(node, dot, scope);
    return out;
  }

  private runNode(node: TemplateNode, dot: unknown, scope: Scope): string {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'action': {
        const value = this.runPipeline(node.pipe, dot, scope);
        return node.pipe.decl ? '' : formatValue(value);
      }
      case 'if': {
        const inner = scope.child();
        const value = this.runPipeline(node.pipe, dot, inner);
        return isTruthy(value) ? this.runList(node.body, dot, inner) : this.runList(node.otherwise, dot, inner);
      }
      case 'with': {
        const inner = scope.child();
        const value = this.runPipeline(node.pipe, dot, inner);
        return isTruthy(value) ? this.runList(node.body, value, inner) : this.runList(node.otherwise, dot, inner);
      }
      case 'range':
        return this.runRange(node, dot, scope);
    }
  }

  private runRange(node: Extract<TemplateNode, { kind: 'range' }>, dot: unknown, scope: Scope): string {
    const value = this.runPipeline({ commands: node.pipe.commands }, dot, scope);
    const entries: Array<[unknown, unknown]> = Array.isArray(value)
      ? value.map((entry, index) => [index, entry])
      : value && typeof value === 'object'
        ? Object.keys(value)
            .sort()
            .map((key) => [key, (value as Record<string, unknown>)[key]])
        : typeof value === 'number'
          ? Array.from({ length: value }, (_, index) => [index, index])
          : [];
    if (entries.length === 0) return this.runList(node.otherwise, dot, scope.child());
    let out = '';
    const names = node.pipe.decl?.names ?? [];
    for (const [key, entry] of entries) {
      const inner = scope.child();
      if (names.length === 1) inner.declare(names[0] as string, entry);
      if (names.length === 2) {
        inner.declare(names[0] as string, key);
        inner.declare(names[1] as string, entry);
      }
      out += this.runList(node.body, entry, inner);
    }
    return out;
  }

  private runPipeline(pipe: Pipeline, dot: unknown, scope: Scope): unknown {
    let value: unknown;
    let piped = false;
    for (const command of pipe.commands) {
      value = this.runCommand(command, dot, scope, piped ? [value] : []);
      piped = true;
    }
    if (pipe.decl) {
      for (const name of pipe.decl.names) {
        if (pipe.decl.op === ':=') scope.declare(name, value);
        else scope.assign(name, value);
      }
    }
    return value;
  }

  private runCommand(command: Operand[], dot: unknown, scope: Scope, piped: unknown[]): unknown {
    const [head, ...rest] = command as [Operand, ...Operand[]];
    const args = (): unknown[] => [...rest.map((operand) => this.readOperand(operand, dot, scope)), ...piped];
    if (head.t === 'ident') {
      const fn = this.functions[head.name];
      if (!fn) throw new Error(`function "${head.name}" not defined`);
      return fn(...args());
    }
    const value = this.readOperand(head, dot, scope, true);
    if (typeof value === 'function') return (value as TemplateFunction)(...args());
    if (rest.length > 0 || piped.length > 0) throw new Error(`can't give an argument to a non-function`);
    return value;
  }

  private readOperand(operand: Operand, dot: unknown, scope: Scope, keepFunction = false): unknown {
    switch (operand.t) {
      case 'lit':
        return operand.v;
      case 'ident': {
        const fn = this.functions[operand.name];
        if (!fn) throw new Error(`function "${operand.name}" not defined`);
        return fn();
      }
      case 'field':
        return followPath(dot, operand.path, keepFunction);
      case 'var':
        return followPath(scope.read(operand.name), operand.path, keepFunction);
      case 'sub':
        return followPath(this.runPipeline(operand.pipe, dot, scope.child()), operand.path, keepFunction);
    }
  }
}

function followPath(start: unknown, path: string[], keepFunction: boolean): unknown {
  let value = start;
  path.forEach((key, index) => {
    value = readField(value, key);
    const last = index === path.length - 1;
    if (typeof value === 'function' && !(last && keepFunction)) value = (value as TemplateFunction)();
  });
  return value;
}
