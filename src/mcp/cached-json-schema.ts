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
    if (!cache.has(key)) cache.set(key, source[io](options));
    // A copy each time: callers may decorate the schema they get (the SDK adds `type: "object"`).
    return structuredClone(cache.get(key));
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
