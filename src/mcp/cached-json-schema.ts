/**
 * The same schema, with its JSON Schema conversion computed once. The MCP SDK converts a tool's
 * input and output schemas (and a prompt's arguments) to JSON Schema through Standard Schema's
 * `~standard.jsonSchema` each time a server instance lists or calls it, and the HTTP transport
 * makes a server instance per request: without this, converting the schemas costs more than the
 * search itself. Validation (`~standard.validate`) and everything else delegate to the original.
 */
export function withCachedJsonSchema<T extends object>(schema: T): T {
  const standard = (schema as { '~standard'?: StandardWithJsonSchema })['~standard'];
  if (!standard?.jsonSchema) return schema;
  const source = standard.jsonSchema;
  const cache = new Map<string, unknown>();
  const memoize = (io: 'input' | 'output') => (options: unknown) => {
    const key = `${io}:${JSON.stringify(options ?? null)}`;
    // Frozen, not copied per call: the SDK spreads the schema into a new object when it adds
    // `type: "object"`, and a mutation anywhere would throw instead of corrupting the cache.
    if (!cache.has(key)) cache.set(key, deepFreeze(source[io](options)));
    return cache.get(key);
  };
  const cached = Object.create(schema) as T;
  Object.defineProperty(cached, '~standard', {
    value: { ...standard, jsonSchema: { input: memoize('input'), output: memoize('output') } },
    enumerable: false,
  });
  return cached;
}

interface StandardWithJsonSchema {
  jsonSchema?: { input(options: unknown): unknown; output(options: unknown): unknown };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
