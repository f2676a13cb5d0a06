import { slug as githubSlug } from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { createHeadingIdFactory, splitHeadingAttributes, toHeadingSlug } from '../../../indexer/hugo/heading-ids.js';

describe('toHeadingSlug', () => {
  // Expected values from Hugo's own autoid_test.go (generated on github.com) and from ids on docs.upsun.com.
  it.each([
    ['God is good: 神真美好', 'god-is-good-神真美好'],
    ['Number 32', 'number-32'],
    ['Question?', 'question'],
    ['1+2=3', '123'],
    ['Special !"#$%&(parens)=?´* chars', 'special-parens-chars'],
    ['Resumé', 'resumé'],
    ['One-Hyphen', 'one-hyphen'],
    ['Multiple--Hyphens', 'multiple--hyphens'],
    ['Trailing hyphen-', 'trailing-hyphen-'],
    ['Many   spaces  here', 'many---spaces--here'],
    ['Forward/slash', 'forwardslash'],
    ['Backward\\slash', 'backwardslash'],
    ['Under_score', 'under_score'],
    ['Nonbreaking\u00a0Space', 'nonbreakingspace'],
    ['Trailing Space ', 'trailing-space'],
    ['`clear-cache`', 'clear-cache'],
    ['`activity:cancel`', 'activitycancel'],
    ['`app:config-get`', 'appconfig-get'],
    ['Tips & Tricks', 'tips--tricks'],
    ['Version 1.2.3', 'version-123'],
    ['🚀 Launch', '-launch'],
    ['[Optional/Troubleshooting] Skipping invalid binary log queries', 'optionaltroubleshooting-skipping-invalid-binary-log-queries'],
  ])('%j → %j', (text, id) => {
    expect(toHeadingSlug(text)).toBe(id);
  });

  // Where github-slugger and Go's unicode tables disagree, the live site follows Go; these pin why
  // github-slugger is not used.
  it.each([
    ['Tab\tSpace', 'tab-space'],
    ['Re\u0301sume\u0301', 'resume'],
    ['x² and Ⅳ', 'x-and-'],
    ['İstanbul', 'istanbul'],
  ])('follows Go, not github-slugger, for %j', (text, id) => {
    expect(toHeadingSlug(text)).toBe(id);
    expect(githubSlug(text)).not.toBe(id);
  });
});

describe('splitHeadingAttributes', () => {
  it('takes the id from a trailing {#id} and removes it from the text', () => {
    expect(splitHeadingAttributes('`init` command options {#init-options}')).toEqual({ text: '`init` command options', id: 'init-options' });
  });

  it('accepts trailing blanks and classes beside the id', () => {
    expect(splitHeadingAttributes('Vertical scaling {#vertical-scaling} ')).toEqual({ text: 'Vertical scaling', id: 'vertical-scaling' });
    expect(splitHeadingAttributes('Title {.wide #t data-x="1 2"}')).toEqual({ text: 'Title', id: 't' });
  });

  it('removes an attribute block without an id but keeps the text', () => {
    expect(splitHeadingAttributes('Title {.wide}')).toEqual({ text: 'Title' });
  });

  it('leaves braces that are not an attribute block in the text', () => {
    expect(splitHeadingAttributes('Use {placeholders} here')).toEqual({ text: 'Use {placeholders} here' });
    expect(splitHeadingAttributes('The {a b} object')).toEqual({ text: 'The {a b} object' });
    expect(splitHeadingAttributes('Literal \\{#no}')).toEqual({ text: 'Literal \\{#no}' });
  });
});

describe('createHeadingIdFactory', () => {
  it('numbers repeated headings -1, -2 within one page', () => {
    const idFor = createHeadingIdFactory();
    expect(['Usage', 'Usage', 'Options', 'Usage'].map((text) => idFor(text).id)).toEqual(['usage', 'usage-1', 'options', 'usage-2']);
  });

  it('starts afresh for each page', () => {
    createHeadingIdFactory()('Usage');
    expect(createHeadingIdFactory()('Usage').id).toBe('usage');
  });

  it('reserves custom ids so a later automatic id steps around them', () => {
    const idFor = createHeadingIdFactory();
    expect(idFor('First {#example}')).toEqual({ id: 'example', text: 'First', custom: true });
    expect(idFor('Example').id).toBe('example-1');
  });

  it('skips a suffix already taken by a heading that reads like one', () => {
    const idFor = createHeadingIdFactory();
    expect(['A', 'A 1', 'A', 'A'].map((text) => idFor(text).id)).toEqual(['a', 'a-1', 'a-2', 'a-3']);
  });

  it('names a heading with no letters or digits "heading"', () => {
    const idFor = createHeadingIdFactory();
    expect([idFor('???').id, idFor('').id]).toEqual(['heading', 'heading-1']);
  });
});
