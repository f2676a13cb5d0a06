// One deploy of the app as Upsun plays it (learn/overview/build-deploy.md), every command taken from
// .upsun/config.yaml: checkout, build hook, freeze, mounts, web start, deploy hook, traffic through a
// router, the cron, a second deploy, rollback, and SIGTERM. Each step that fails throws RehearsalStepError.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkOutTree, findStrayWrites, readRepoStatus, freezeTree, giveToUser, linkMounts, openToUser } from './app-tree.js';
import { createDocsMirror } from './docs-mirror.js';
import { packHostPrebuild } from './host-prebuilds.js';
import { buildVariables, runtimeVariables, type RehearsalSite } from './platform-variables.js';
import { readRehearsalPlan, RehearsalConfigError, type RehearsalPlan } from './rehearsal-plan.js';
import { startRouterProxy } from './router-proxy.js';
import { choosePlatformUser, RehearsalStepError, runStep } from './run-step.js';
import { startWebProcess, type WebProcess } from './web-process.js';
import { checkEndpoint, checkClientAddresses, expectDocsCommitHolds, waitForDocsCommit } from './endpoint-checks.js';

/** README, "Roll back": what an operator runs over `upsun ssh`. */
export const ROLLBACK_COMMAND = 'node dist/cli/upsun-docs-mcp.js rollback';
/**
 * The config sets no grace for the web process; workers.md gives Upsun's: SIGTERM, then SIGKILL after 15 s.
 * The server's own shutdown waits at most 10 s for requests in flight (README, "serve --http").
 */
export const WEB_STOP_GRACE_MS = 15_000;
/** A page of the upsun docs the cron's docs change edits, and the word it adds, which no page has. */
const EDITED_PAGE = 'sites/upsun/src/create-apps/image-properties/mounts.md';

export interface RehearsalOptions {
  /** The git repository to deploy (its committed tree at `ref`). */
  repoDir: string;
  ref: string;
  /** The config to take commands from; default: .upsun/config.yaml of the checked-out tree. */
  configFile?: string;
  /** The bundled docs snapshot, which the docs mirror is made from. */
  docsSnapshot: string;
  /** A folder to work in (default: a new temporary folder). */
  workDir?: string;
  /**
   * An app tree an earlier rehearsal built and froze (`<work>/app`): skip checkout and build hook and deploy
   * that tree itself, as Upsun redeploys a build it already has; its mount links are pointed at this run's mounts.
   */
  reuseBuild?: string;
  /** Let the build fetch better-sqlite3's binary from GitHub instead of packing this checkout's. */
  fetchNative: boolean;
  /** The domain `{default}` stands for. */
  publicHost: string;
  log(line: string): void;
}

export interface RehearsalReport {
  workDir: string;
  appDir: string;
  user: string;
  steps: Array<{ step: string; seconds: number }>;
  /** What the rehearsal saw that is not a failure but worth knowing. */
  notes: string[];
}

export async function rehearseDeploy(options: RehearsalOptions): Promise<RehearsalReport> {
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'upsun-rehearsal-'));
  mkdirSync(workDir, { recursive: true });
  openToUser(workDir);
  const user = choosePlatformUser();
  options.log(`Rehearsing in ${workDir} (kept when a step fails)`);
  await runStep({ step: 'work folder', command: `cd '${workDir}'`, cwd: '/', env: { PATH: '/usr/bin:/bin' }, user, timeoutMs: 10_000, log: options.log }).catch((error: unknown) => {
    throw new RehearsalStepError('work folder', `cd '${workDir}'`, `${user.name}, who runs the steps, cannot enter ${workDir}: every folder above it must let others through (chmod o+x)`, (error as RehearsalStepError).output);
  });
  const site: RehearsalSite = {
    appDir: options.reuseBuild ? resolve(options.reuseBuild) : join(workDir, 'app'),
    cacheDir: join(workDir, 'build-cache'),
    tmpDir: join(workDir, 'build-tmp'),
    treeId: '',
    publicHost: options.publicHost,
    projectEntropy: randomBytes(28).toString('hex'),
  };
  const report: RehearsalReport = { workDir, appDir: site.appDir, user: user.name, steps: [], notes: [] };
  const timed = async <T>(step: string, run: () => Promise<T> | T): Promise<T> => {
    options.log(`== ${step}`);
    const started = Date.now();
    const value = await run();
    report.steps.push({ step, seconds: (Date.now() - started) / 1000 });
    return value;
  };

  let plan: RehearsalPlan;
  if (options.reuseBuild) {
    if (!existsSync(join(site.appDir, '.upsun'))) throw new RehearsalConfigError(`--reuse-build ${site.appDir} is not an app tree a rehearsal built (no .upsun folder).`);
    site.treeId = 'reused';
    plan = readRehearsalPlan(options.configFile ?? join(site.appDir, '.upsun/config.yaml'));
  } else {
    const checkout = await timed('checkout', () => checkOutTree(options.repoDir, options.ref, site.appDir));
    site.treeId = checkout.treeId;
    plan = readRehearsalPlan(options.configFile ?? join(site.appDir, '.upsun/config.yaml'));
    for (const dir of [site.cacheDir, site.tmpDir]) mkdirSync(dir);
    giveToUser(user, site.appDir, site.cacheDir, site.tmpDir);
    const network = options.fetchNative ? {} : packHostPrebuild(options.repoDir, join(workDir, 'prebuilds'));
    const repoStatus = readRepoStatus(options.repoDir);
    const marker = join(workDir, 'build-started');
    writeFileSync(marker, '');
    if (plan.buildHook) {
      const hook = plan.buildHook;
      await timed('build hook', () => runStep({ step: 'build hook', command: hook, cwd: site.appDir, env: { ...buildVariables(plan, site, process.env), ...network }, user, timeoutMs: 3_600_000, log: options.log }));
    }
    await timed('build stays in the app tree', () => {
      const stray = findStrayWrites(user, marker, workDir);
      // As root the build's user cannot write to the checkout at all; otherwise its git status is the witness
      // (so edits made to the checkout while a rehearsal builds are reported too).
      if (user.uid === undefined && readRepoStatus(options.repoDir) !== repoStatus) stray.push(`${options.repoDir} (git status changed)`);
      if (stray.length > 0) throw new RehearsalStepError('build stays in the app tree', plan.buildHook ?? '', `the build wrote outside $PLATFORM_APP_DIR, $PLATFORM_CACHE_DIR and its TMPDIR: ${stray.join(', ')}`);
      if (user.uid === undefined) report.notes.push('Not run as root: the build ran as the caller, so of its writes outside the app tree only changes to the source checkout were checked (as root it runs as nobody, who can write nowhere else).');
    });
  }

  const runtimeTmp = join(workDir, 'runtime-tmp');
  mkdirSync(runtimeTmp, { recursive: true });
  giveToUser(user, runtimeTmp);
  const runtimeSite = { ...site, tmpDir: runtimeTmp };
  await timed('freeze and mount', async () => {
    linkMounts(site.appDir, join(workDir, 'mounts'), plan.mounts, user);
    freezeTree(site.appDir);
    const probe = join(site.appDir, '.rehearsal-write-probe');
    const wrote = await runStep({ step: 'read-only app tree', command: `touch '${probe}' 2>/dev/null && echo wrote || echo refused`, cwd: site.appDir, env: { PATH: '/usr/bin:/bin' }, user, timeoutMs: 10_000, log: () => {} });
    if (wrote.trim() !== 'refused') throw new RehearsalStepError('read-only app tree', 'touch', `${user.name} could write into the frozen app tree`);
  });

  const router = await startRouterProxy({ routes: plan.routes, publicHost: options.publicHost });
  let web: WebProcess | undefined;
  try {
    const deploy = async (label: string) => {
      const port = await findFreePort();
      const env = runtimeVariables(plan, runtimeSite, port);
      router.setUpstreamPort(undefined);
      // Start commands run before the deploy hook; requests are held until the hook ends (build-deploy.md, "Deploy steps").
      web = await timed(`${label}: web start`, async () => {
        const started = startWebProcess({ command: plan.startCommand, cwd: site.appDir, env, user, log: options.log });
        // The platform does not say how long the start command runs before the deploy hook; the worst case
        // for this app is that it gets going first, so it gets until it listens or exits.
        await waitUntil(10_000, async () => started.exits.length > 0 || (await answersHealth(port)));
        return started;
      });
      if (plan.deployHook) {
        const hook = plan.deployHook;
        await timed(`${label}: deploy hook`, () => runStep({ step: 'deploy hook', command: hook, cwd: site.appDir, env, user, timeoutMs: 600_000, log: options.log }));
      }
      const exitsBeforeHookEnded = web.exits.length;
      await timed(`${label}: web answers on $PORT`, () => waitForWeb(web!, port, plan.startCommand, exitsBeforeHookEnded));
      const restarts = web.exits.length;
      if (restarts > 0) report.notes.push(`${label}: the web command exited ${restarts} time(s) before the deploy hook had run (first line: ${firstLine(web.exits[0]!.output)}); the platform restarts it.`);
      router.setUpstreamPort(port);
      return { port, env };
    };

    const first = await deploy('deploy 1');
    const seed = await timed('endpoint through the router', () => inStep('endpoint through the router', plan.startCommand, () => checkEndpoint(router, options.publicHost)));
    await timed('client addresses and rate limits', () => inStep('client addresses and rate limits', plan.startCommand, () => checkClientAddresses(router, first.port, options.publicHost, report.notes)));

    const mirror = createDocsMirror(options.docsSnapshot, join(workDir, 'docs-mirror'), user);
    const word = `rehearsal${randomBytes(4).toString('hex')}`;
    const published = mirror.commitAppend(EDITED_PAGE, `\n\nA rehearsal of the deployment added the word ${word} to this page.\n`);
    const exitsBeforeCron = web!.exits.length;
    for (const cron of plan.crons) {
      const command = `${cron.command} --source ${mirror.url}`;
      await timed(`cron ${cron.name}`, () => runStep({ step: `cron ${cron.name}`, command, cwd: site.appDir, env: first.env, user, timeoutMs: cron.timeoutSeconds * 1000, log: options.log }));
    }
    if (plan.crons.length > 0) {
      await timed('refreshed docs served without restart', () =>
        inStep('refreshed docs served without restart', plan.crons[0]!.command, () => waitForDocsCommit(router, options.publicHost, published, word, 'mounts.md')),
      );
      if (web!.exits.length > exitsBeforeCron) throw new RehearsalStepError('refreshed docs served without restart', plan.startCommand, 'the web process restarted during the refresh');
    }

    await timed('deploy 1: web stops on SIGTERM', () => stopWeb(web!, plan.startCommand));
    web = undefined;
    const second = await deploy('deploy 2');
    if (plan.crons.length > 0) {
      // The server started on the mount's index before the hook ran; a hook that replaced it shows once the
      // server has noticed the new file, so the fresher commit must hold for a while, not just be seen once.
      await timed('deploy 2 keeps the fresher index', () => inStep('deploy 2 keeps the fresher index', plan.deployHook ?? '', () => expectDocsCommitHolds(router, options.publicHost, published, 8_000)));
      await timed('rollback', async () => {
        await runStep({ step: 'rollback', command: ROLLBACK_COMMAND, cwd: site.appDir, env: second.env, user, timeoutMs: 120_000, log: options.log });
        await inStep('rollback', ROLLBACK_COMMAND, () => waitForDocsCommit(router, options.publicHost, seed.docsCommit));
      });
      await timed('rollback again undoes it', async () => {
        await runStep({ step: 'rollback again', command: ROLLBACK_COMMAND, cwd: site.appDir, env: second.env, user, timeoutMs: 120_000, log: options.log });
        await inStep('rollback again', ROLLBACK_COMMAND, () => waitForDocsCommit(router, options.publicHost, published));
      });
    }
    await timed('deploy 2: web stops on SIGTERM', () => stopWeb(web!, plan.startCommand));
    web = undefined;
    return report;
  } finally {
    if (web) await web.stop(WEB_STOP_GRACE_MS);
    await router.close();
  }
}

/** Run a check; a failed one becomes the step's error with the command it exercised. */
async function inStep<T>(step: string, command: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof RehearsalStepError) throw error;
    throw new RehearsalStepError(step, command, (error as Error).message);
  }
}

/** After the deploy hook, the server must answer on $PORT; three exits after the hook mean it never will. */
async function waitForWeb(web: WebProcess, port: number, command: string, exitsBeforeHookEnded: number): Promise<void> {
  const crashLoop = () => web.exits.length - exitsBeforeHookEnded >= 3;
  if (await waitUntil(60_000, async () => crashLoop() || (await answersHealth(port)))) {
    if (!crashLoop()) return;
  }
  const last = web.exits.at(-1);
  const exits = last ? `; it exited ${web.exits.length} time(s), last with ${last.code ?? last.signal}` : '';
  throw new RehearsalStepError('web start', command, `nothing answered GET /healthz on $PORT=${port} after the deploy hook${exits}`, last?.output ?? web.output());
}

/** Poll until done() is true (returns true) or the time is up (false). */
async function waitUntil(timeoutMs: number, done: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function answersHealth(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    // Connection refused or timed out: not listening yet, which is what the caller polls for.
    return false;
  }
}

async function stopWeb(web: WebProcess, command: string): Promise<void> {
  const stopped = await web.stop(WEB_STOP_GRACE_MS);
  if (!stopped) throw new RehearsalStepError('web stops on SIGTERM', command, `still running ${WEB_STOP_GRACE_MS / 1000} s after SIGTERM (killed), or had already exited`, web.output());
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n').find((line) => line.includes('upsun-docs-mcp') || line.trim() !== '')?.slice(0, 200) ?? '(no output)';
}
