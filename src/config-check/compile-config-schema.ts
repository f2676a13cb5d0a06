import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';

// ajv is loaded when the first schema is compiled, not when the server starts: loading it takes a
// noticeable share of the stdio start-up budget, and most sessions never check a config.
const requireCjs = createRequire(import.meta.url);

export interface CompiledConfigSchema {
  /** Validates parsed config data; returns ajv's raw errors (empty when valid). */
  validate(data: unknown): ErrorObject[];
  /** The schema with local `$ref`s inlined, for walks that follow the data. */
  schema: Record<string, unknown>;
}

/**
 * Compiles the `.upsun/config.yaml` JSON Schema (draft-07, from platformify).
 *
 * - Local `$ref`s are inlined first so that every error's `schemaPath` runs through the `oneOf`/`anyOf`
 *   branch it came from; ajv otherwise reports errors inside a `$ref` relative to the definition, and
 *   the branch that produced them can't be told apart when collapsing union noise.
 * - `allErrors` so that one run reports every problem; `verbose` for `parentSchema` (allowed property
 *   names for did-you-mean) and `data`.
 * - `strict: false`: the schema carries editor annotations (`deprecationMessage`, `nullable`) that are
 *   not JSON Schema keywords.
 */
export function compileConfigSchema(schema: unknown): CompiledConfigSchema {
  if (typeof schema !== 'object' || schema === null) {
    throw new TypeError('The config schema must be a parsed JSON Schema object (data/schemas/upsun-config.schema.json).');
  }
  const inlined = inlineLocalRefs(schema, schema as Record<string, unknown>, []) as Record<string, unknown>;
  const { Ajv } = requireCjs('ajv') as { Ajv: typeof AjvClass };
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  const validate = ajv.compile(inlined);
  return {
    validate: (data) => (validate(data) ? [] : [...(validate.errors ?? [])]),
    schema: inlined,
  };
}

/** Replaces `{"$ref": "#/..."}` with the referenced schema; a ref already being expanded stays a ref (cycles). */
function inlineLocalRefs(node: unknown, root: Record<string, unknown>, expanding: string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineLocalRefs(item, root, expanding));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const ref = record.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/') && !expanding.includes(ref)) {
    const target = resolvePointer(root, ref.slice(2));
    if (target !== undefined) {
      // Draft-07 ignores the siblings of a $ref, so the referenced schema alone replaces the node.
      return inlineLocalRefs(target, root, [...expanding, ref]);
    }
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) copy[key] = inlineLocalRefs(value, root, expanding);
  return copy;
}

function resolvePointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const raw of pointer.split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
