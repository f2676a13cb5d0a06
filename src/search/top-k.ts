/** The `limit` best of the touched docs (and reset their scores), through a min-heap: O(n log k), no full sort. */
export function takeTop(total: Float64Array, touched: Int32Array, count: number, limit: number): { ids: number[]; scores: number[] } {
  const heapDocs: number[] = [];
  const heapScores: number[] = [];
  for (let i = 0; i < count; i++) {
    const doc = touched[i] ?? 0;
    const score = total[doc] ?? 0;
    total[doc] = 0;
    if (heapDocs.length < limit) {
      heapDocs.push(doc);
      heapScores.push(score);
      siftUp(heapDocs, heapScores, heapDocs.length - 1);
    } else if (isBetter(score, doc, heapScores[0] ?? 0, heapDocs[0] ?? 0)) {
      heapDocs[0] = doc;
      heapScores[0] = score;
      siftDown(heapDocs, heapScores, 0);
    }
  }
  const order = heapDocs.map((_, i) => i).sort((a, b) => (heapScores[b] ?? 0) - (heapScores[a] ?? 0) || (heapDocs[a] ?? 0) - (heapDocs[b] ?? 0));
  return { ids: order.map((i) => heapDocs[i] ?? 0), scores: order.map((i) => heapScores[i] ?? 0) };
}

/** Higher score wins; on a tie the lower doc id (earlier in the docs) wins, so results are deterministic. */
function isBetter(score: number, doc: number, otherScore: number, otherDoc: number): boolean {
  return score > otherScore || (score === otherScore && doc < otherDoc);
}

function siftUp(docs: number[], scores: number[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!isBetter(scores[parent] ?? 0, docs[parent] ?? 0, scores[i] ?? 0, docs[i] ?? 0)) break;
    swap(docs, scores, i, parent);
    i = parent;
  }
}

function siftDown(docs: number[], scores: number[], i: number): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let worst = i;
    if (left < docs.length && isBetter(scores[worst] ?? 0, docs[worst] ?? 0, scores[left] ?? 0, docs[left] ?? 0)) worst = left;
    if (right < docs.length && isBetter(scores[worst] ?? 0, docs[worst] ?? 0, scores[right] ?? 0, docs[right] ?? 0)) worst = right;
    if (worst === i) return;
    swap(docs, scores, i, worst);
    i = worst;
  }
}

function swap(docs: number[], scores: number[], a: number, b: number): void {
  [docs[a], docs[b]] = [docs[b] ?? 0, docs[a] ?? 0];
  [scores[a], scores[b]] = [scores[b] ?? 0, scores[a] ?? 0];
}
