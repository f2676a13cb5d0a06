import { describe, expect, it } from 'vitest';
import { makeSnippet } from '../../src/search/snippet.js';

describe('makeSnippet', () => {
  it('shows the text with each run of white space as one space, the matched words in bold', () => {
    expect(makeSnippet('  Define a\n\n  mount   for\tuploads.\n', ['mount'])).toBe('Define a **mount** for uploads.');
  });

  it('starts at a word near the densest run of matches, far into a section, with ellipses on both cuts', () => {
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n'.repeat(12);
    const text = `${filler}\nA cron job runs\n\n  on a  schedule: each cron   job has a spec.\n${filler}`;
    const snippet = makeSnippet(text, ['cron', 'job']);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('A **cron** **job** runs on a schedule: each **cron** **job** has a spec.');
    // Cut at word boundaries: no half words at either end.
    expect(snippet).toMatch(/^…[A-Za-z]+ /);
    expect(snippet).toMatch(/ [A-Za-z]+[.,]?…$/);
    // At most 240 characters of the text, plus the two ellipses.
    expect(snippet.replaceAll('**', '').length).toBeLessThanOrEqual(242);
  });

  it('gives nothing for a text of white space only, and the start when nothing matches', () => {
    expect(makeSnippet(' \n\t ', ['mount'])).toBe('');
    expect(makeSnippet('Builds run\nbefore deploys.', ['cron'])).toBe('Builds run before deploys.');
  });
});
