import { describe, expect, it } from 'vitest';
import { addPageEvidence } from '../../src/search/page-evidence.js';

// Sections 1..3 of page 10 and section 4 of page 20, fused scores as the engine produces them.
const pageOf = (id: number) => (id === 4 ? 20 : 10);

describe('page-level evidence', () => {
  it('ranks a section whose page matches the question in other sections above an equal section of a page that matches once', () => {
    const fused = new Map([[1, 0.8], [2, 0.5], [3, 0.3], [4, 0.8]]);
    addPageEvidence(fused, pageOf, { weight: 0.1, others: 1 });
    expect(fused.get(1)).toBeGreaterThan(fused.get(4) ?? 0);
    // Section 1 gains a tenth of its page's best other section (0.5); the lone section gains nothing.
    expect(fused.get(1)).toBeCloseTo(0.85);
    expect(fused.get(4)).toBe(0.8);
    // The page's other sections gain from its best one, not from themselves.
    expect(fused.get(2)).toBeCloseTo(0.58);
  });

  it('changes nothing when off', () => {
    const fused = new Map([[1, 0.8], [2, 0.5]]);
    addPageEvidence(fused, pageOf, { weight: 0, others: 1 });
    expect([...fused.values()]).toEqual([0.8, 0.5]);
  });
});
