import { expect, test } from 'vitest';
import { DATA_PATHS } from '../../src/paths.js';
import { deferImageRegistry } from '../../src/registry/defer-image-registry.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';

test('a deferred registry answers as the loaded one does', () => {
  const deferred = deferImageRegistry(() => loadImageRegistry(DATA_PATHS.imageRegistry));
  const loaded = loadImageRegistry(DATA_PATHS.imageRegistry);
  expect(deferred.listVersions('postgresql')).toEqual(loaded.listVersions('postgresql'));
  expect(deferred.listImages()).toEqual(loaded.listImages());
  expect(deferred.getImage('redis-persistent')).toEqual(loaded.getImage('redis-persistent'));
  expect(deferred.checkImageType('nodejs:16')).toEqual(loaded.checkImageType('nodejs:16'));
  expect(deferred.checkStackRuntime('nodejs@24')).toEqual(loaded.checkStackRuntime('nodejs@24'));
});

test('a registry file that cannot be read fails the first call that needs it, naming the file', () => {
  const deferred = deferImageRegistry(() => loadImageRegistry('/nonexistent/registry.json'));
  expect(() => deferred.listVersions()).toThrow(/Cannot read the image registry file \/nonexistent/);
});
