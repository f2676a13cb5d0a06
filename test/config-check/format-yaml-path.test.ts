import { expect, test } from 'vitest';
import { formatYamlPath, readJsonPointer } from '../../src/config-check/format-yaml-path.js';

test('writes plain keys with dots and indices in brackets', () => {
  expect(formatYamlPath(['applications', 'app', 'mounts', 'web/uploads', 'source'])).toBe('applications.app.mounts.web/uploads.source');
  expect(formatYamlPath(['applications', 'app', 'stack', 'runtimes', 0])).toBe('applications.app.stack.runtimes[0]');
});

test('quotes keys that would be ambiguous or hard to read: route URLs, locations, regexes', () => {
  expect(formatYamlPath(['routes', 'https://{default}/', 'type'])).toBe('routes."https://{default}/".type');
  expect(formatYamlPath(['applications', 'app', 'web', 'locations', '/', 'rules', '\\.md$'])).toBe(
    'applications.app.web.locations."/".rules."\\.md$"',
  );
});

test('reads JSON Pointers, unescaping ~1 and ~0 and turning list indices into numbers', () => {
  const data = { applications: { app: { mounts: { 'web/uploads': {} }, stack: ['nodejs@24'] } } };
  expect(readJsonPointer('/applications/app/mounts/web~1uploads', data)).toEqual(['applications', 'app', 'mounts', 'web/uploads']);
  expect(readJsonPointer('/applications/app/stack/0', data)).toEqual(['applications', 'app', 'stack', 0]);
  expect(readJsonPointer('', data)).toEqual([]);
});
