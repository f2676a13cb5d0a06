/**
 * Order fused sections by score (ties by position in the docs) and keep at most `perPage` sections
 * of each page, so that one long page cannot fill the whole answer. Pages are known from `pageOf`
 * (section rowid → page id), so only the sections picked are read from the index afterwards, not the
 * few hundred candidates the ranked lists hold.
 */
export function pickResults(fused: Map<number, number>, pageOf: Int32Array, limit: number, perPage: number): Array<{ id: number; score: number }> {
  const scored = [...fused].map(([id, score]) => ({ id, score }));
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  const counts = new Map<number, number>();
  const picked: Array<{ id: number; score: number }> = [];
  for (const item of scored) {
    const page = pageOf[item.id] ?? 0;
    if (page === 0) continue; // not a section of this index
    const count = counts.get(page) ?? 0;
    if (count >= perPage) continue;
    counts.set(page, count + 1);
    picked.push(item);
    if (picked.length >= limit) break;
  }
  return picked;
}
