/** A ranked list of section ids from one retriever, best first, with its raw scores (higher is better). */
export interface RankedList {
  ids: number[];
  scores: number[];
  weight: number;
}

/**
 * Weighted reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): each list adds
 * weight / (k + rank). It needs no score calibration between BM25 (FTS5) and BM25+ (MiniSearch).
 */
export function fuseByRank(lists: RankedList[], k: number): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { ids, weight } of lists) ids.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + weight / (k + rank + 1)));
  return fused;
}

/**
 * Weighted score fusion: each list's scores are divided by its best score, so lists agree on a
 * 0..1 scale while keeping the gaps BM25 found (a clear winner stays clearly ahead).
 */
export function fuseByScore(lists: RankedList[]): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { ids, scores, weight } of lists) {
    const best = scores[0] ?? 0;
    if (best <= 0) continue;
    ids.forEach((id, i) => fused.set(id, (fused.get(id) ?? 0) + (weight * (scores[i] ?? 0)) / best));
  }
  return fused;
}
