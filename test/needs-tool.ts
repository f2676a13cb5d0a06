// Tests that need an outside tool (Debian's chromium, the MCP conformance suite) skip with a warning on a
// machine without it, and fail under CI, which installs both (.ci/run): a CI run that tested nothing must not pass.
import { test } from 'vitest';

export interface OutsideTool {
  /** What the tests need, for messages: "the MCP conformance suite". */
  name: string;
  present: boolean;
  /** The command that installs it. */
  install: string;
}

/** CI=true (or 1) as set by GitHub Actions, GitLab CI and .ci/run. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * Whether the tool's tests can run. When it is missing, adds a failing test under CI and warns otherwise;
 * call it at the top level of the test file, where `describe.skipIf(!needsTool(...))` uses the answer.
 */
export function needsTool(tool: OutsideTool): boolean {
  if (tool.present) return true;
  const install = `install it with \`${tool.install}\` (.ci/run does)`;
  if (isCi()) {
    test(`${tool.name} is installed, as CI requires`, () => {
      throw new Error(`${tool.name} is not installed, and under CI=true its tests must run, not skip: ${install}.`);
    });
  } else {
    console.warn(`Skipping the tests that need ${tool.name}, which is not installed: ${install}.`);
  }
  return false;
}
