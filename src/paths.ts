import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, found by walking up from this module to the folder with package.json.
 * The same code runs from src/ (tests, via vitest) and from dist/src/ (the built CLI), so
 * fixed `../..` hops would be wrong in one of the two.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot();

/** Files the product ships in data/. */
export const DATA_PATHS = {
  /** The bundled platformsh-docs snapshot (CC BY-SA 4.0). */
  docsSnapshot: join(PACKAGE_ROOT, 'data/platformsh-docs'),
  /**
   * The prebuilt index of both products that the npm package ships (built by `npm pack`'s prepack step,
   * scripts/build/build-bundled-index). Read-only: nothing writes here at run time.
   */
  bundledIndex: join(PACKAGE_ROOT, 'dist/index/docs.sqlite'),
  /** JSON Schema of .upsun/config.yaml (MIT, from platformify). */
  configSchema: join(PACKAGE_ROOT, 'data/schemas/upsun-config.schema.json'),
  /** Search vocabulary (synonyms) and stop words. */
  searchData: join(PACKAGE_ROOT, 'data/search'),
  /** Questions users ask that each Upsun docs section answers, indexed beside the section. */
  pageQuestions: join(PACKAGE_ROOT, 'data/search/page-questions'),
  /** data/search/vocabulary.yaml compiled to JSON by `npm run build` (build output, hence under dist/). */
  compiledVocabulary: join(PACKAGE_ROOT, 'dist/data/search/vocabulary.json'),
  /** Runtime and service image registry with version statuses (MIT, from upsun/meta). */
  imageRegistry: join(PACKAGE_ROOT, 'data/upsun-meta/resources/image/registry.json'),
} as const;
