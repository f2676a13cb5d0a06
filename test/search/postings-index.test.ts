import { describe, expect, it } from 'vitest';
import { buildPostingsBlobs, FIELD_COUNT, loadPostingsIndex, POSTING_FIELDS } from '../../src/search/postings-index.js';

const load = (docs: Parameters<typeof buildPostingsBlobs>[0]) => {
  const blobs = buildPostingsBlobs(docs, ['exact']);
  return loadPostingsIndex((key) => (blobs[key] === undefined ? undefined : Buffer.from(blobs[key])), 'exact');
};
const empty = { title: '', headings: '', body: '', code: '', asked: '' };

describe('postings index', () => {
  it('keeps each field\'s frequency of a term apart, per section, capped at 255', () => {
    const index = load([
      { id: 1, fields: { ...empty, title: 'mounts', body: 'mounts '.repeat(300), asked: 'where do mounts live mounts' } },
      { id: 2, fields: { ...empty, code: 'mounts: {}' } },
    ]);
    const [first, count] = index.terms.get('mounts') ?? [0, 0];
    expect(count).toBe(2);
    const frequencies = (at: number) => Object.fromEntries(POSTING_FIELDS.map((field, f) => [field, index.freqs[at * FIELD_COUNT + f]]));
    expect(index.docs[first]).toBe(1);
    expect(frequencies(first)).toEqual({ title: 1, headings: 0, body: 255, code: 0, asked: 2 });
    expect(index.docs[first + 1]).toBe(2);
    expect(frequencies(first + 1)).toEqual({ title: 0, headings: 0, body: 0, code: 1, asked: 0 });
    // Lengths count every word, past the frequency cap.
    expect(index.lengths[1 * FIELD_COUNT + 2]).toBe(300);
  });
});
