// Pack the project and install the tarball the way a user's npm does, into a folder of its own: shared by
// test/package/install-like-a-user.test.ts and scripts/bench/installed-startup.ts.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PackReport {
  /** The tarball's path. */
  tarball: string;
  /** Its size in bytes. */
  size: number;
  /** The files in it, relative to the package root. */
  files: string[];
}

/**
 * `npm pack` (prepack builds the CLI and the bundled index) in a copy of `projectDir`: the files git knows,
 * tracked or new, with node_modules linked. Packing in place would rebuild dist/ under anything running from it.
 */
export function packProject(projectDir: string, copyDir: string, destination: string): PackReport {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: projectDir, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(projectDir, file))) continue; // deleted in the work tree, not yet in git
    mkdirSync(dirname(join(copyDir, file)), { recursive: true });
    cpSync(join(projectDir, file), join(copyDir, file));
  }
  symlinkSync(join(projectDir, 'node_modules'), join(copyDir, 'node_modules'));
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination, '--loglevel=error'], { cwd: copyDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // prepack's build prints before npm's JSON report: the report is the last top-level array.
  const [report] = JSON.parse(output.slice(output.lastIndexOf('\n[') + 1)) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
  if (!report) throw new Error(`npm pack printed no report we could read:\n${output}`);
  return { tarball: join(destination, report.filename), size: report.size, files: report.files.map((file) => file.path) };
}

/**
 * Install `tarball` into the empty folder `appDir` (node_modules/.bin/upsun-docs-mcp), taking dependencies
 * from the npm cache when it has them, else from the registry. better-sqlite3's native addon comes from the
 * one `projectDir` compiled, handed to prebuild-install as a local prebuild: no compiler, no GitHub download.
 * Returns the installed command.
 */
export function installTarball(tarball: string, appDir: string, projectDir: string): string {
  const addonPackage = join(projectDir, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(addonPackage, 'package.json'), 'utf8')) as { version: string };
  const prebuilds = join(appDir, '..', 'prebuilds');
  const stage = join(prebuilds, 'stage');
  mkdirSync(join(stage, 'build/Release'), { recursive: true });
  cpSync(join(addonPackage, 'build/Release/better_sqlite3.node'), join(stage, 'build/Release/better_sqlite3.node'));
  // prebuild-install's name for this package, version, Node ABI, platform and CPU.
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['czf', join(prebuilds, name), '-C', stage, 'build']);

  mkdirSync(appDir, { recursive: true });
  // The override pins better-sqlite3 to the version whose addon we hand over.
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ private: true, dependencies: { 'upsun-docs-mcp': `file:${tarball}` }, overrides: { 'better-sqlite3': version } }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: appDir,
    env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: prebuilds },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return join(appDir, 'node_modules/.bin/upsun-docs-mcp');
}
