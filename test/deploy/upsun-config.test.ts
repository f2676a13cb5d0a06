// The project's own .upsun/config.yaml, checked the way a user's config is: through explain_config over
// a real MCP client, against the JSON Schema on its own, and against the image registry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { LoadedIndex } from '../../src/docs/loaded-index.js';
import { DATA_PATHS, PACKAGE_ROOT } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';
import { CLIENT_KINDS, firstText, openTestDeps, type Connected } from '../mcp/connect-clients.js';

const configText = readFileSync(join(PACKAGE_ROOT, '.upsun/config.yaml'), 'utf8');
const config = parse(configText) as {
  applications: Record<string, { type: string; mounts: Record<string, { source: string }>; web: { commands: { start: string } }; crons: Record<string, { commands: { start: string } }>; hooks: { build: string; deploy: string } }>;
  routes: Record<string, { type: string; cache?: { enabled: boolean } }>;
};

let index: LoadedIndex;
let connected: Connected;
beforeAll(async () => {
  const opened = openTestDeps();
  index = opened.index;
  connected = await CLIENT_KINDS[0]!.connectInMemory(opened.deps);
});
afterAll(async () => {
  await connected.close();
  index.close();
});

test('explain_config finds no errors in .upsun/config.yaml', async () => {
  const result = await connected.client.callTool({ name: 'explain_config', arguments: { config: configText } });
  expect(result.isError, firstText(result)).toBeFalsy();
  const output = result.structuredContent as { valid: boolean; findings: Array<{ severity: string; path: string; message: string }> };
  expect(output.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  expect(output.valid).toBe(true);
});

test('.upsun/config.yaml is valid against the JSON Schema on its own', () => {
  const schema = JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  expect(validate(config) ? [] : validate.errors).toEqual([]);
});

test('every app runs a runtime version the registry lists as supported', () => {
  const registry = loadImageRegistry(DATA_PATHS.imageRegistry);
  for (const [name, app] of Object.entries(config.applications)) {
    const [image, version] = app.type.split(':');
    const supported = registry.getImage(image!)?.versions.supported.map((entry) => entry.version) ?? [];
    expect(supported, `${name}: ${app.type}`).toContain(version);
  }
});

test('the index lives on a storage mount, is seeded at deploy, served over HTTP and refreshed by a cron', () => {
  const app = config.applications['docs-mcp']!;
  expect(Object.values(app.mounts).map((mount) => mount.source)).toEqual(['storage']);
  expect(app.hooks.build).toContain('npm ci');
  expect(app.hooks.deploy).toContain('$UPSUN_DOCS_INDEX');
  expect(app.web.commands.start).toMatch(/serve --http/);
  expect(Object.values(app.crons).map((cron) => cron.commands.start)).toEqual(['nice -n 19 node dist/cli/upsun-docs-mcp.js refresh']);
  // The router cache buffers responses, which breaks MCP's SSE streams.
  for (const route of Object.values(config.routes).filter((route) => route.type === 'upstream')) {
    expect(route.cache?.enabled).toBe(false);
  }
});
