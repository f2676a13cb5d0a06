import { describe, expect, test } from 'vitest';
import { DATA_PATHS } from '../../src/paths.js';
import { compareVersionsNewestFirst } from '../../src/registry/compare-versions.js';
import { createImageRegistry, loadImageRegistry } from '../../src/registry/image-registry.js';

const registry = loadImageRegistry(DATA_PATHS.imageRegistry);

describe('listImages', () => {
  test('lists the nine runtimes before the services, with display names and the newest supported version', () => {
    const images = registry.listImages();
    const runtimes = images.filter((i) => i.kind === 'runtime').map((i) => i.name);
    expect(runtimes).toEqual(['dotnet', 'elixir', 'golang', 'java', 'nodejs', 'php', 'python', 'ruby', 'rust']);
    expect(images.findIndex((i) => i.kind === 'service')).toBe(runtimes.length);
    expect(images.find((i) => i.name === 'nodejs')).toMatchObject({ displayName: 'JavaScript/Node.js', latest: '26' });
  });

  test('treats mongodb, which has no runtime flag, as a service', () => {
    expect(registry.getImage('mongodb')?.kind).toBe('service');
  });

  test('includes the composable image with its Nix channels from composable.json', () => {
    const composable = registry.getImage('composable');
    expect(composable?.kind).toBe('composable');
    expect(composable?.versions.supported[0]?.runtimes?.nodejs).toEqual(['26', '24', '22']);
  });

  test('skips composable channels when asked to', () => {
    const plain = loadImageRegistry(DATA_PATHS.imageRegistry, { composableFile: false });
    expect(plain.getImage('composable')).toBeUndefined();
  });
});

describe('listVersions', () => {
  test('groups Node.js versions by Upsun status, newest first, with upstream end-of-life dates', () => {
    const [nodejs] = registry.listVersions('nodejs');
    expect(nodejs?.versions.supported.map((v) => v.version)).toEqual(['26', '24']);
    expect(nodejs?.versions.deprecated).toEqual([{ version: '22', status: 'deprecated', upstreamEol: '2027-04-30' }]);
    expect(nodejs?.versions.retired.slice(0, 4).map((v) => v.version)).toEqual(['20', '18', '16', '8.9']);
    expect(nodejs?.versions.decommissioned.map((v) => v.version)).toEqual(['0.12']);
  });

  test('orders two-part versions numerically, 1.15 before 1.9', () => {
    const [elixir] = registry.listVersions('elixir');
    expect(elixir?.versions.retired.map((v) => v.version)).toEqual(['1.15', '1.14', '1.13', '1.12', '1.11', '1.10', '1.9']);
  });

  test('returns every image without an argument and nothing for an unknown one', () => {
    expect(registry.listVersions().length).toBe(registry.listImages().length);
    expect(registry.listVersions('nope')).toEqual([]);
  });

  test('resolves type aliases such as redis-persistent to their image', () => {
    expect(registry.listVersions('redis-persistent')[0]?.name).toBe('redis');
    expect(registry.getImage('redis')?.aliases).toContain('redis-persistent');
  });
});

describe('checkImageType', () => {
  test('accepts a supported version', () => {
    expect(registry.checkImageType('nodejs:24')).toMatchObject({ status: 'ok', message: '`nodejs:24` is supported.' });
  });

  test('reports a retired version with the supported ones to move to', () => {
    const check = registry.checkImageType('nodejs:16');
    expect(check).toMatchObject({ status: 'retired', supported: ['26', '24'] });
    expect(check.message).toBe('`nodejs:16` is retired: Upsun no longer maintains this version. Use a supported version: 26, 24.');
  });

  test('reports a deprecated version with its upstream end of life', () => {
    const check = registry.checkImageType('nodejs:22');
    expect(check.status).toBe('deprecated');
    expect(check.message).toBe(
      '`nodejs:22` is deprecated on Upsun (upstream end of life: 2027-04-30): it still deploys, but gets no security ' +
        'updates from upstream and will be removed. Use a supported version: 26, 24.',
    );
  });

  test('reports a decommissioned version', () => {
    expect(registry.checkImageType('nodejs:0.12').status).toBe('decommissioned');
  });

  test('suggests the closest image name for a typo and for common misnames', () => {
    expect(registry.checkImageType('nodjs:24')).toMatchObject({
      status: 'unknown-image',
      didYouMean: ['nodejs'],
      message: "`nodjs` isn't an Upsun image. Did you mean `nodejs`?",
    });
    expect(registry.checkImageType('postgres:16')).toMatchObject({ status: 'unknown-image', didYouMean: ['postgresql'] });
    expect(registry.checkImageType('node:24')).toMatchObject({ didYouMean: ['nodejs'] });
  });

  test('lists the choices for an unknown version, and the short form for a too-precise one', () => {
    expect(registry.checkImageType('nodejs:23').message).toBe(
      "`nodejs:23` isn't a version of JavaScript/Node.js on Upsun. Supported versions: 26, 24 (deprecated, still available: 22).",
    );
    expect(registry.checkImageType('nodejs:24.1')).toMatchObject({ status: 'unknown-version', didYouMean: ['24'] });
  });

  test('asks for a version when there is none', () => {
    expect(registry.checkImageType('nodejs')).toMatchObject({
      status: 'invalid-format',
      message: '`nodejs` has no version. Write the type as `<image>:<version>`, for example `nodejs:26`.',
    });
  });

  test('accepts aliases, composable channels and the stack form', () => {
    expect(registry.checkImageType('redis-persistent:8.0').status).toBe('ok');
    expect(registry.checkImageType('valkey-persistent:9.0').status).toBe('ok');
    expect(registry.checkImageType('composable:26.05').status).toBe('ok');
    expect(registry.checkImageType('composable:25.05').status).toBe('retired');
    expect(registry.checkImageType('nodejs@24')).toMatchObject({ status: 'ok', separator: '@' });
  });

  test('handles Dedicated-style versions such as 11* as unknown instead of failing', () => {
    expect(registry.checkImageType('postgresql:11*').status).toBe('unknown-version');
  });
});

describe('checkStackRuntime', () => {
  test('checks runtimes against the versions a composable channel ships', () => {
    expect(registry.checkStackRuntime('nodejs@24', '26.05').status).toBe('ok');
    expect(registry.checkStackRuntime('python', '26.05').status).toBe('ok');
    expect(registry.checkStackRuntime('nodejs@20', '26.05')).toMatchObject({
      status: 'unknown-version',
      message: "`nodejs@20` isn't available in composable:26.05. Versions of nodejs there: 26, 24, 22.",
    });
    expect(registry.checkStackRuntime('nodejs@20', '25.11').status).toBe('ok');
  });

  test('accepts any runtime when no channel data is loaded', () => {
    const plain = loadImageRegistry(DATA_PATHS.imageRegistry, { composableFile: false });
    expect(plain.checkStackRuntime('nodjs@99').status).toBe('ok');
  });

  test('suggests a runtime name for a typo', () => {
    expect(registry.checkStackRuntime('nodjs@24', '26.05')).toMatchObject({ status: 'unknown-image', didYouMean: ['nodejs'] });
  });
});

describe('createImageRegistry', () => {
  test('tolerates entries without versions, unknown statuses and starred versions', () => {
    const tolerant = createImageRegistry({
      postgresql: {
        name: 'PostgreSQL',
        runtime: false,
        versions: {
          '11*': { upsun: { status: 'deprecated' } },
          '16': { upsun: { status: 'supported' }, upstream: { eolFrom: null } },
          '9.6': { upsun: { status: 'something-new' } },
        },
      },
      broken: 'not an object',
      empty: {},
    });
    expect(tolerant.listImages().map((i) => i.name)).toEqual(['postgresql']);
    expect(tolerant.checkImageType('postgresql:11*').status).toBe('deprecated');
    expect(tolerant.checkImageType('postgresql:9.6').status).toBe('unknown-version');
  });

  test('names the file when it is missing', () => {
    expect(() => loadImageRegistry('/nonexistent/registry.json')).toThrow(/Cannot read the image registry file \/nonexistent/);
  });
});

test('compareVersionsNewestFirst sorts by numeric parts', () => {
  expect(['1.9', '1.10', '8.9', '26', '11*', '10.5 Galera'].sort(compareVersionsNewestFirst)).toEqual([
    '26',
    '11*',
    '10.5 Galera',
    '8.9',
    '1.10',
    '1.9',
  ]);
});
