// server.json lists the server in the official MCP Registry: it must validate against the registry's
// published schema (vendored in test/fixtures/mcp-registry, see SOURCE.md there), and say what the npm
// package really is, or `npx` installs something else than the listing promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';

const readJson = (path: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, path), 'utf8')) as Record<string, unknown>;
const schema = readJson('test/fixtures/mcp-registry/server.schema.json');
const pkg = readJson('package.json') as { name: string; version: string; mcpName: string; bin: Record<string, string> };

interface ServerJson {
  $schema: string;
  name: string;
  version: string;
  packages: Array<{ registryType: string; identifier: string; version: string; transport: { type: string }; packageArguments?: Array<{ value?: string }> }>;
  remotes: Array<{ type: string; url: string }>;
}
const server = readJson('server.json') as unknown as ServerJson;

function validate(document: unknown) {
  // strict: false: the schema is generated from OpenAPI and carries `example` and `discriminator`, which are
  // annotations there, not JSON Schema keywords. Formats (uri) are checked, as the registry does.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const check = ajv.compile(schema);
  return check(document) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

test('server.json validates against the MCP Registry schema it names', () => {
  expect(server.$schema).toBe(schema.$id);
  expect(validate(server)).toEqual([]);
});

test('the schema check catches a broken server.json (a version range, a name without namespace)', () => {
  expect(validate({ ...server, name: 'upsun-docs-mcp' })).not.toEqual([]);
  expect(validate({ ...server, packages: [{ ...server.packages[0], version: 'latest' }] })).not.toEqual([]);
});

test('server.json names the npm package, its version and its stdio command as package.json has them', () => {
  // The registry checks that the npm package's mcpName is the server's name before it lists it.
  expect(server.name).toBe(pkg.mcpName);
  expect(server.version).toBe(pkg.version);
  expect(server.packages).toMatchObject([{ registryType: 'npm', identifier: pkg.name, version: pkg.version, transport: { type: 'stdio' } }]);
  expect(Object.keys(pkg.bin)).toEqual([pkg.name]);
  expect(server.packages[0]?.packageArguments?.map((argument) => argument.value)).toEqual(['serve']);
});

test('server.json lists the HTTP endpoint as a streamable-http remote at /mcp', () => {
  expect(server.remotes).toMatchObject([{ type: 'streamable-http', url: expect.stringMatching(/^https:\/\/.+\/mcp$/) }]);
});
