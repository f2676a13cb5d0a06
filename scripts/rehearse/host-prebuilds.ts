// better-sqlite3's install script downloads its compiled binary from GitHub (prebuild-install), or compiles
// it with headers from nodejs.org. Without network egress neither works, so the rehearsal can hand the
// build the binary this checkout already has, through prebuild-install's documented local-prebuilds folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const NATIVE_PACKAGE = 'better-sqlite3';
const BINARY = 'build/Release/better_sqlite3.node';

/** Package the host's binary as prebuild-install names it; returns the variable that points the install at it. */
export function packHostPrebuild(hostRoot: string, dir: string): Record<string, string> {
  const packageDir = join(hostRoot, 'node_modules', NATIVE_PACKAGE);
  if (!existsSync(join(packageDir, BINARY))) {
    throw new Error(`No ${BINARY} in ${packageDir} to hand to the build: run npm ci first, or pass --fetch-native on a machine that reaches GitHub.`);
  }
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(dir, { recursive: true });
  const tarball = join(dir, `${NATIVE_PACKAGE}-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  execFileSync('tar', ['-czf', tarball, '-C', packageDir, BINARY]);
  return { [`npm_config_${NATIVE_PACKAGE.replace(/[^a-zA-Z0-9]/g, '_')}_local_prebuilds`]: dir };
}
