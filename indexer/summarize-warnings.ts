import type { IndexWarning } from './types.js';

/** `34 warnings (link 30, anchor 4; --verbose lists them)`: the docs' own broken links are news to their authors, not to a user. */
export function summarizeWarnings(warnings: readonly IndexWarning[], verbose: boolean): string {
  if (warnings.length === 0) return 'no warnings';
  const counts = new Map<string, number>();
  for (const warning of warnings) counts.set(warning.kind, (counts.get(warning.kind) ?? 0) + 1);
  const byKind = [...counts].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${kind} ${count}`).join(', ');
  return `${warnings.length} warning${warnings.length === 1 ? '' : 's'} (${byKind}${verbose ? '' : '; --verbose lists them'})`;
}
