/**
 * Page-level evidence: a section whose page has other sections matching the query gets part of their
 * scores. A page that answers a question usually matches it in several places (the concept in one
 * section, the symptom or the setting in another), while a page that merely mentions one of the query's
 * words matches it once. Passage-to-document score combination as in Callan, "Passage-level evidence in
 * document retrieval" (SIGIR 1994): the section keeps its own score and adds a share of its page's.
 */
export interface PageEvidenceOptions {
  /** Share of the other sections' scores added to each section (0: off). */
  weight: number;
  /** How many of the page's other best sections count. */
  others: number;
}

/** Add to every fused section `weight` times the scores of the `others` best other sections of its page. In place. */
export function addPageEvidence(
  fused: Map<number, number>,
  pageOf: (id: number) => number | undefined,
  { weight, others }: PageEvidenceOptions,
): void {
  if (weight <= 0 || others <= 0) return;
  // Each page's best `others + 1` scores, best first: enough to add `others` to any of its sections, its own
  // left out. Keeping only those, not every score of the page sorted, was a twentieth of a search's garbage.
  const keep = others + 1;
  const byPage = new Map<number, number[]>();
  for (const [id, score] of fused) {
    const page = pageOf(id);
    if (page === undefined) continue;
    const best = byPage.get(page);
    if (!best) {
      byPage.set(page, [score]);
      continue;
    }
    if (best.length === keep && score <= (best[keep - 1] as number)) continue;
    let at = best.length < keep ? best.length : keep - 1;
    while (at > 0 && (best[at - 1] as number) < score) {
      if (at < keep) best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = score;
  }
  for (const [id, score] of fused) {
    const best = byPage.get(pageOf(id) ?? -1);
    if (!best || best.length < 2) continue;
    // The best `others` scores of the page other than this section's own (skipped once, by value).
    let added = 0;
    let taken = 0;
    let skipped = false;
    for (const other of best) {
      if (!skipped && other === score) {
        skipped = true;
        continue;
      }
      added += other;
      if (++taken >= others) break;
    }
    fused.set(id, score + weight * added);
  }
}
