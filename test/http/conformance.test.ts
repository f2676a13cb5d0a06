// The official MCP conformance suite against the HTTP endpoint, for the scenarios that apply to a real server
// (docs-draft/http.md lists the others and why). The suite needs Node 22; .ci/run installs it with the suite
// into .ci/conformance (npm ci --prefix .ci/conformance), apart from the project, whose npm scripts keep Node 20.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { startTestHttpServer, type TestHttpServer } from './start-http-server.js';

const runner = join(PACKAGE_ROOT, '.ci/conformance/node_modules');
const node22 = join(runner, 'node/bin/node');
const suite = join(runner, '@modelcontextprotocol/conformance/dist/index.js');
const installed = existsSync(node22) && existsSync(suite);
if (!installed) console.warn('Skipping the conformance suite: run `npm ci --prefix .ci/conformance` (.ci/run does) to install it with Node 22.');

/** Scenarios a real server can pass (2025-11-25 and 2026-07-28); the rest need the suite's own fixture tools. */
const SCENARIOS = [
  'server-initialize',
  'server-session-lifecycle',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'dns-rebinding-protection',
  'server-stateless',
  'caching',
  'http-header-validation',
  'sep-2164-resource-not-found',
];

describe.skipIf(!installed)('MCP conformance suite against the HTTP endpoint', () => {
  let server: TestHttpServer;
  let results: string;
  beforeAll(async () => {
    server = await startTestHttpServer();
    results = mkdtempSync(join(tmpdir(), 'upsun-docs-conformance-'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(results, { recursive: true, force: true });
  });

  test.each(SCENARIOS)('%s passes', async (scenario) => {
    const args = [suite, 'server', '--url', server.mcpUrl.href, '--scenario', scenario, '--expected-failures', join(PACKAGE_ROOT, 'test/http/conformance-expected-failures.yaml'), '-o', results];
    const { stdout } = await promisify(execFile)(node22, args, { cwd: results, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`conformance ${scenario} failed:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`);
    });
    const summary = stdout.match(/Passed: (\d+)\/(\d+), (\d+) failed/);
    expect(summary, stdout).not.toBeNull();
    // server-session-lifecycle reports 0/0: the endpoint is stateless, which the scenario accepts.
    if (scenario !== 'server-session-lifecycle') expect(Number(summary![1])).toBeGreaterThan(0);
  }, 90_000);
});
