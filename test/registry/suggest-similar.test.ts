import { expect, test } from 'vitest';
import { measureEditDistance, suggestSimilar } from '../../src/registry/suggest-similar.js';

test('suggests a property name one edit away, or one that contains the word', () => {
  const properties = ['type', 'mounts', 'relationships', 'web', 'workers', 'hooks', 'crons', 'source'];
  expect(suggestSimilar('mount', properties)).toEqual(['mounts']);
  expect(suggestSimilar('relationship', properties)).toEqual(['relationships']);
  expect(suggestSimilar('hoosk', properties)).toEqual(['hooks']);
});

test('suggests nothing for an unrelated word', () => {
  expect(suggestSimilar('banana', ['type', 'mounts', 'web'])).toEqual([]);
});

test('counts a swap of neighbours as one edit', () => {
  expect(measureEditDistance('hoosk', 'hooks')).toBe(1);
  expect(measureEditDistance('nodjs', 'nodejs')).toBe(1);
});
