/**
 * Orders version strings newest first by their numeric parts: `1.10` before `1.9`, `26` before `8.9`.
 * Registry versions are mostly `major[.minor]`, but Dedicated-era entries such as `"11*"` or
 * `"10.5 Galera"` exist upstream, so anything after the leading digits is ignored for ordering and only
 * breaks ties.
 */
export function compareVersionsNewestFirst(a: string, b: string): number {
  const left = readNumericParts(a);
  const right = readNumericParts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (right[i] ?? -1) - (left[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
}

/** `"10.5 Galera"` → [10, 5]; `"11*"` → [11]; `"latest"` → []. */
export function readNumericParts(version: string): number[] {
  const match = /^\d+(?:\.\d+)*/.exec(version.trim());
  return match ? match[0].split('.').map(Number) : [];
}
