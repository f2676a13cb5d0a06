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
  const byPage = new Map<number, number[]>();
  for (const [id, score] of fused) {
    const page = pageOf(id);
    if (page === undefined) continue;
    const scores = byPage.get(page);
    if (scores) scores.push(score);
    else byPage.set(page, [score]);
  }
  for (const scores of byPage.values()) if (scores.length > 1) scores.sort((a, b) => b - a);
  for (const [id, score] of fused) {
    const scores = byPage.get(pageOf(id) ?? -1);
    if (!scores || scores.length < 2) continue;
    // The best `others` scores of the page other than this section's own (skipped once, by value).
    let added = 0;
    let taken = 0;
    let skipped = false;
    for (const other of scores) {
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
