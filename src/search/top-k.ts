/**
 * The `limit` best of the touched docs (and reset their scores), through a min-heap: O(n log k), no full sort.
 * The heap lives in two typed arrays: with plain arrays every score read back was a boxed number, and the
 * heap was one of the largest sources of a search's garbage.
 */
export function takeTop(total: Float64Array, touched: Int32Array, count: number, limit: number): { ids: number[]; scores: number[] } {
  const heap: Heap = { docs: new Int32Array(Math.max(0, Math.min(limit, count))), scores: new Float64Array(Math.max(0, Math.min(limit, count))), size: 0 };
  for (let i = 0; i < count; i++) {
    const doc = touched[i] ?? 0;
    const score = total[doc] ?? 0;
    total[doc] = 0;
    if (heap.size < heap.docs.length) {
      heap.docs[heap.size] = doc;
      heap.scores[heap.size] = score;
      siftUp(heap, heap.size++);
    } else if (heap.size > 0 && isBetter(score, doc, heap.scores[0] ?? 0, heap.docs[0] ?? 0)) {
      heap.docs[0] = doc;
      heap.scores[0] = score;
      siftDown(heap, 0);
    }
  }
  const order = Array.from({ length: heap.size }, (_, i) => i).sort(
    (a, b) => (heap.scores[b] ?? 0) - (heap.scores[a] ?? 0) || (heap.docs[a] ?? 0) - (heap.docs[b] ?? 0),
  );
  return { ids: order.map((i) => heap.docs[i] ?? 0), scores: order.map((i) => heap.scores[i] ?? 0) };
}

interface Heap {
  docs: Int32Array;
  scores: Float64Array;
  size: number;
}

/** Higher score wins; on a tie the lower doc id (earlier in the docs) wins, so results are deterministic. */
function isBetter(score: number, doc: number, otherScore: number, otherDoc: number): boolean {
  return score > otherScore || (score === otherScore && doc < otherDoc);
}

function siftUp(heap: Heap, i: number): void {
  const { docs, scores } = heap;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!isBetter(scores[parent] ?? 0, docs[parent] ?? 0, scores[i] ?? 0, docs[i] ?? 0)) break;
    swap(heap, i, parent);
    i = parent;
  }
}

function siftDown(heap: Heap, i: number): void {
  const { docs, scores, size } = heap;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let worst = i;
    if (left < size && isBetter(scores[worst] ?? 0, docs[worst] ?? 0, scores[left] ?? 0, docs[left] ?? 0)) worst = left;
    if (right < size && isBetter(scores[worst] ?? 0, docs[worst] ?? 0, scores[right] ?? 0, docs[right] ?? 0)) worst = right;
    if (worst === i) return;
    swap(heap, i, worst);
    i = worst;
  }
}

function swap({ docs, scores }: Heap, a: number, b: number): void {
  const doc = docs[a] ?? 0;
  docs[a] = docs[b] ?? 0;
  docs[b] = doc;
  const score = scores[a] ?? 0;
  scores[a] = scores[b] ?? 0;
  scores[b] = score;
}
