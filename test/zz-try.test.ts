import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { createConfigChecker, renderConfigReport } from '../src/config-check/index.js';
import { DATA_PATHS } from '../src/paths.js';
import { loadImageRegistry } from '../src/registry/image-registry.js';
test('try', () => {
  const checker = createConfigChecker({ schema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')), registry: loadImageRegistry(DATA_PATHS.imageRegistry) });
  for (const f of (process.env.FILES ?? '').split(',')) {
    const r = checker.check(readFileSync(f, 'utf8'));
    console.log('=====', f, JSON.stringify(r.documents));
    console.log(renderConfigReport(r, { includeUsedKeys: false }));
    if (r.upsunConfig) console.log(r.upsunConfig);
  }
});
