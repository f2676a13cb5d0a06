// The npm package as a user gets it: `npm pack`, install the tarball into an empty folder, make the install
// read-only, and run it as an unprivileged user (when the tests run as root) with a fresh HOME. Real MCP
// clients of both SDK generations drive `serve` over stdio; the CLI answers --help, --version and stats.
//
// scripts/package/install-packed.ts packs in a copy of the project (packing rebuilds dist/, which other test
// files spawn at the same time) and installs with dependencies from the npm cache, else the registry, and
// better-sqlite3's addon from the one this checkout compiled (a local prebuild: no compiler, no GitHub).
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installTarball, packProject, type PackReport } from '../../scripts/package/install-packed.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { CLIENT_KINDS, firstText } from '../mcp/connect-clients.js';

const NOBODY = 65_534;
const isRoot = process.getuid?.() === 0;
/** Prefix that runs a command as nobody:nogroup when we are root; the install must not need more. */
const asUnprivileged = isRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--'] : [];
const MAX_TARBALL_BYTES = 10 * 1024 * 1024;

let work: string;
let home: string;
let app: string;
let bin: string;
let packed: PackReport;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'upsun-docs-install-'));
  // mkdtemp makes a 0700 folder: nobody must be able to reach the install inside it.
  chmodSync(work, 0o755);
  packed = packProject(PACKAGE_ROOT, join(work, 'project'), work);
  app = join(work, 'app');
  bin = installTarball(packed.tarball, app, PACKAGE_ROOT);
  execFileSync('chmod', ['-R', 'a-w', app]);
  home = join(work, 'home');
  mkdirSync(home);
  if (isRoot) chownSync(home, NOBODY, NOBODY);
}, 600_000);

afterAll(() => {
  if (!work) return;
  if (existsSync(app)) execFileSync('chmod', ['-R', 'u+w', app]);
  rmSync(work, { recursive: true, force: true });
});

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The environment of a user's shell: a PATH and a HOME of their own, nothing of ours. */
function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...extra };
}

function runCli(args: string[], extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  const [command, ...rest] = [...asUnprivileged, bin, ...args];
  return spawnSync(command!, [...rest], { env: userEnv(extra), encoding: 'utf8', input: '' });
}

test('the tarball holds the bundled CLI, a prebuilt index and the licences, nothing else, under 10 MB', () => {
  const paths = [...packed.files].sort();
  expect(packed.size).toBeLessThan(MAX_TARBALL_BYTES);
  expect(paths).toEqual(expect.arrayContaining(['dist/index/docs.sqlite', 'dist/cli/upsun-docs-mcp.js', 'LICENSE', 'data/platformsh-docs/LICENSE.md', 'data/platformsh-docs/SOURCE.md', 'data/schemas/LICENSE.platformify']));
  const allowed = /^(LICENSE|README\.md|package\.json|dist\/cli\/[\w-]+\.c?js|dist\/data\/search\/vocabulary\.json|dist\/index\/docs\.sqlite|data\/README\.md|data\/platformsh-docs\/(LICENSE|SOURCE)\.md|data\/(schemas|search|upsun-meta)\/.+)$/;
  expect(paths.filter((path) => !allowed.test(path))).toEqual([]);
});

test('--version, --help and a mistyped option answer as a CLI should', () => {
  const version = runCli(['--version']);
  expect(version.stdout.trim()).toBe(readJson<{ version: string }>(join(PACKAGE_ROOT, 'package.json')).version);
  expect(version.status).toBe(0);

  const help = runCli(['serve', '--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: upsun-docs-mcp serve [options]');

  const typo = runCli(['search', '--limt', '3', 'mounts']);
  expect(typo.status).toBe(2);
  expect(typo.stderr).toContain("Unknown option '--limt'");
  expect(typo.stderr).toContain('Usage: upsun-docs-mcp search');
});

test('stats reads the index bundled in the package: both products, no build', () => {
  const stats = runCli(['stats', '--json']);
  expect(stats.stderr).toBe('');
  const parsed = JSON.parse(stats.stdout) as { file: string; products: Array<{ product: string; pages: number }> };
  expect(parsed.file).toBe(join(app, 'node_modules/upsun-docs-mcp/dist/index/docs.sqlite'));
  expect(parsed.products.map((entry) => entry.product).sort()).toEqual(['platformsh', 'upsun']);
  for (const entry of parsed.products) expect(entry.pages).toBeGreaterThan(200);
});

describe.each(CLIENT_KINDS)('the installed serve, read-only and unprivileged, with the $name', (kind) => {
  test('lists its tools, searches both products and reads a page', async () => {
    const [command, ...args] = [...asUnprivileged, bin, 'serve'];
    const connected = await kind.connectStdio(command!, args, { env: userEnv() });
    try {
      const { tools } = await connected.client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('search_docs');
      for (const [product, host] of [['upsun', 'https://docs.upsun.com/'], ['platformsh', 'https://fixed.docs.upsun.com/']] as const) {
        const result = await connected.client.callTool({ name: 'search_docs', arguments: { query: 'define a mount', product, limit: 2 } });
        expect(result.isError, firstText(result)).toBeFalsy();
        const { results } = result.structuredContent as { results: Array<{ url: string }> };
        expect(results.length).toBeGreaterThan(0);
        for (const hit of results) expect(hit.url.startsWith(host)).toBe(true);
      }
      const page = await connected.client.callTool({ name: 'read_page', arguments: { path_or_url: 'https://docs.upsun.com/create-apps/image-properties/mounts.html' } });
      expect(page.isError, firstText(page)).toBeFalsy();
      expect(firstText(page)).toContain('mount');
    } finally {
      await connected.close();
    }
  });
});

test('index without --source says where to get the docs (the package ships none), and writes nothing', () => {
  const run = runCli(['index']);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Pass --source DIR|GIT_URL');
  expect(existsSync(join(home, '.local/share/upsun-docs-mcp'))).toBe(false);
});

test('index writes to the user data folder, and serve then reads that newer index', () => {
  const snapshot = join(PACKAGE_ROOT, 'data/platformsh-docs');
  const built = runCli(['index', '--source', snapshot]);
  const userIndex = join(home, '.local/share/upsun-docs-mcp/index.sqlite');
  // One summary line (the docs' own broken links counted by kind, listed only with --verbose), then the
  // page-question coverage line.
  expect(built.stderr).toMatch(/^Indexed \d+ pages, [^\n]*→ [^\n]*index\.sqlite\nPage questions: [^\n]*\n$/);
  expect(built.status).toBe(0);
  expect(statSync(userIndex).size).toBeGreaterThan(0);
  const stats = runCli(['stats', '--json']);
  expect((JSON.parse(stats.stdout) as { file: string }).file).toBe(userIndex);
  // XDG_DATA_HOME moves the folder; the one there (none yet) is not read, so the bundled one is again.
  const elsewhere = runCli(['stats', '--json'], { XDG_DATA_HOME: join(home, 'elsewhere') });
  expect((JSON.parse(elsewhere.stdout) as { file: string }).file).toBe(join(app, 'node_modules/upsun-docs-mcp/dist/index/docs.sqlite'));
});

test('`npx -y ./<tarball> serve` installs and answers search_docs for both products, with no build step', async () => {
  // A fresh npm cache of the user's own: npx installs the tarball's dependencies from the registry (what
  // --prefer-offline falls back to), better-sqlite3's addon again from the local prebuild.
  const npxHome = join(work, 'npx-home');
  mkdirSync(npxHome);
  if (isRoot) chownSync(npxHome, NOBODY, NOBODY);
  const env = userEnv({ HOME: npxHome, npm_config_cache: join(npxHome, '.npm'), npm_config_prefer_offline: 'true', npm_config_better_sqlite3_local_prebuilds: join(work, 'prebuilds') });
  const [command, ...args] = [...asUnprivileged, 'npx', '-y', `./${basename(packed.tarball)}`, 'serve'];
  const connected = await CLIENT_KINDS[0]!.connectStdio(command!, args, { env, cwd: dirname(packed.tarball) });
  try {
    for (const [product, host] of [['upsun', 'https://docs.upsun.com/'], ['platformsh', 'https://fixed.docs.upsun.com/']] as const) {
      const result = await connected.client.callTool({ name: 'search_docs', arguments: { query: 'add a cron job', product, limit: 1 } });
      expect(result.isError, firstText(result)).toBeFalsy();
      expect((result.structuredContent as { results: Array<{ url: string }> }).results[0]?.url.startsWith(host)).toBe(true);
    }
  } finally {
    await connected.close();
  }
}, 180_000);
