// The Upsun rehearsal (npm run rehearse-upsun) run as a user runs it: once in full from a clean checkout of
// HEAD, then on copies of .upsun/config.yaml with one part broken, each of which must fail naming that part.
// The broken copies deploy the full run's build (--reuse-build) so that only the first run pays for npm ci.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { PACKAGE_ROOT } from '../../src/paths.js';

const SCRIPT = join(PACKAGE_ROOT, 'dist/scripts/rehearse-upsun.js');
const MINUTE = 60_000;

interface AppConfig {
  hooks: { build: string; deploy: string };
  web: { commands: { start: string } };
  crons: Record<string, { commands: { start: string } }>;
  variables: { env: Record<string, string> };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'upsun-rehearsal-test-'));
  // As root the rehearsal's steps run as nobody, who must be able to walk into the work folders.
  chmodSync(work, 0o755);
});
afterAll(() => {
  // The rehearsal leaves its app tree read-only.
  execFileSync('chmod', ['-R', 'u+w', work]);
  rmSync(work, { recursive: true, force: true });
  for (const name of readdirSync('/tmp').filter((entry) => entry.startsWith('upsun-rehearsal-stray-'))) rmSync(join('/tmp', name), { force: true });
});

function rehearse(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

/** A copy of .upsun/config.yaml with `edit` applied to its one app; returns the copy's path. */
function brokenConfig(name: string, edit: (app: AppConfig) => void): string {
  const config = parse(readFileSync(join(PACKAGE_ROOT, '.upsun/config.yaml'), 'utf8')) as { applications: Record<string, AppConfig> };
  edit(Object.values(config.applications)[0]!);
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, stringify(config));
  return file;
}

const builtApp = () => join(work, 'full/app');

test(
  'the rehearsal of .upsun/config.yaml passes every step, from a clean checkout of HEAD',
  async () => {
    const run = await rehearse(['--keep', '--work', join(work, 'full')]);
    expect(run.code, run.stderr.slice(-4_000)).toBe(0);
    for (const step of [
      'build hook',
      'build stays in the app tree',
      'freeze and mount',
      'deploy 1: deploy hook',
      'endpoint through the router',
      'client addresses and rate limits',
      'cron refresh-docs',
      'refreshed docs served without restart',
      'deploy 2 keeps the fresher index',
      'rollback',
      'rollback again undoes it',
      'deploy 2: web stops on SIGTERM',
    ]) {
      expect(run.stderr).toContain(`ok  ${step} (`);
    }
  },
  20 * MINUTE,
);

const firstLine = (text: string) => text.trim().split('\n')[0]!;

test.each([
  { step: 'build hook', reuse: false, edit: (app: AppConfig) => (app.hooks.build = `exit 3\n${app.hooks.build}`), command: (app: AppConfig) => app.hooks.build },
  { step: 'deploy hook', reuse: true, edit: (app: AppConfig) => (app.hooks.deploy = `exit 3\n${app.hooks.deploy}`), command: (app: AppConfig) => app.hooks.deploy },
  { step: 'web start', reuse: true, edit: (app: AppConfig) => (app.web.commands.start += ' --no-such-option'), command: (app: AppConfig) => app.web.commands.start },
  {
    step: 'cron refresh-docs',
    reuse: true,
    edit: (app: AppConfig) => (app.crons['refresh-docs']!.commands.start += ' --no-such-option'),
    command: (app: AppConfig) => app.crons['refresh-docs']!.commands.start,
  },
  // A deploy hook that always seeds throws away the index the cron refreshed.
  {
    step: 'deploy 2 keeps the fresher index',
    reuse: true,
    edit: (app: AppConfig) => (app.hooks.deploy = 'set -e\ncp data/index.sqlite "$UPSUN_DOCS_INDEX.tmp"\nmv "$UPSUN_DOCS_INDEX.tmp" "$UPSUN_DOCS_INDEX"'),
    command: (app: AppConfig) => app.hooks.deploy,
  },
  // Without the trust setting the server refuses the public Host that the router passes on.
  { step: 'endpoint through the router', reuse: true, edit: (app: AppConfig) => delete app.variables.env.UPSUN_DOCS_TRUST_PROXY, command: (app: AppConfig) => app.web.commands.start },
  // Trusting a header the router does not set: every client is the router's loopback address, one bucket for all.
  {
    step: 'client addresses and rate limits',
    reuse: true,
    edit: (app: AppConfig) => (app.variables.env.UPSUN_DOCS_TRUST_PROXY = 'x-forwarded-for'),
    command: (app: AppConfig) => app.web.commands.start,
  },
])(
  'a config whose $step is broken makes the rehearsal fail, naming that step and its command',
  async ({ step, reuse, edit, command }) => {
    let broken: AppConfig | undefined;
    const file = brokenConfig(step.replaceAll(' ', '-'), (app) => {
      edit(app);
      broken = app;
    });
    const run = await rehearse(['--config', file, '--work', join(work, `broken-${step.replaceAll(' ', '-')}`), ...(reuse ? ['--reuse-build', builtApp()] : [])]);
    expect(run.code, run.stderr.slice(-4_000)).toBe(1);
    expect(run.stderr).toContain(`Step "${step}" failed`);
    expect(run.stderr).toContain(`command: ${firstLine(command(broken!))}`);
  },
  5 * MINUTE,
);

// As root the build runs as nobody, who can write nowhere but the app tree, the cache and the temp folders;
// a new file of nobody's in /tmp is a write outside the tree. Not as root, this check is not made.
test.runIf(process.getuid?.() === 0)(
  'a build hook that writes outside the app tree fails the rehearsal at "build stays in the app tree"',
  async () => {
    const file = brokenConfig('stray-write', (app) => (app.hooks.build = 'touch "/tmp/upsun-rehearsal-stray-$$"'));
    const run = await rehearse(['--config', file, '--work', join(work, 'stray-write')]);
    expect(run.code, run.stderr.slice(-4_000)).toBe(1);
    expect(run.stderr).toContain('Step "build stays in the app tree" failed');
    expect(run.stderr).toMatch(/\/tmp\/upsun-rehearsal-stray-\d+/);
  },
  5 * MINUTE,
);
