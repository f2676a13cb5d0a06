/** What picking needs of a section: its row id (for a stable order) and its page. */
export interface PickableRow {
  id: number;
  path: string;
}

/**
 * Order fused sections by score (ties by position in the docs) and keep at most `perPage` sections
 * of each page, so that one long page cannot fill the whole answer.
 */
export function pickResults<Row extends PickableRow>(
  fused: Map<number, number>,
  getRow: (id: number) => Row | undefined,
  limit: number,
  perPage: number,
): Array<{ row: Row; score: number }> {
  const scored: Array<{ row: Row; score: number }> = [];
  for (const [id, score] of fused) {
    const row = getRow(id);
    if (row) scored.push({ row, score });
  }
  scored.sort((a, b) => b.score - a.score || a.row.id - b.row.id);
  const counts = new Map<string, number>();
  const picked: Array<{ row: Row; score: number }> = [];
  for (const item of scored) {
    const count = counts.get(item.row.path) ?? 0;
    if (count >= perPage) continue;
    counts.set(item.row.path, count + 1);
    picked.push(item);
    if (picked.length >= limit) break;
  }
  return picked;
}
