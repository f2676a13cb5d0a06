import { describe, expect, it } from 'vitest';
import { buildPostingsBlobs, loadPostingsIndex } from '../../src/search/postings-index.js';
import { createTopicTermTest } from '../../src/search/topic-terms.js';

const docs = [
  { id: 1, fields: { title: 'Transfer project ownership', headings: '', body: 'Move a project I built to a client.', code: '', asked: 'how do I give my month of work to someone' } },
  { id: 2, fields: { title: 'Billing', headings: 'Invoices', body: 'You pay at the end of the month.', code: 'month: 1', asked: '' } },
  { id: 3, fields: { title: 'Other product', headings: 'Client', body: '', code: '', asked: '' } },
];

describe('topic terms', () => {
  const blobs = buildPostingsBlobs(docs, ['stemmed']);
  const index = loadPostingsIndex((key) => (blobs[key] === undefined ? undefined : Buffer.from(blobs[key])), 'stemmed');
  const isTopic = createTopicTermTest(index, 100);

  it('counts a word as a topic when a title or heading of the searched docs holds it, not prose, code or page questions alone', () => {
    const range = { lo: 1, hi: 2 };
    expect(isTopic('project', range)).toBe(true);
    expect(isTopic('invoic', range)).toBe(true);
    expect(isTopic('built', range)).toBe(false);
    expect(isTopic('month', range)).toBe(false);
    expect(isTopic('absent', range)).toBe(false);
  });

  it('looks only within the range: another product’s heading does not make a topic', () => {
    expect(isTopic('client', { lo: 1, hi: 2 })).toBe(false);
    expect(isTopic('client', { lo: 1, hi: 3 })).toBe(true);
  });
});
