import type { LoadedIndex } from '../../docs/loaded-index.js';
import { readIndexStats } from '../../db/index-stats.js';

export interface HealthReport {
  status: 'ok';
  version: string;
  index: {
    loaded: true;
    docsCommit: string;
    builtAt: string;
    schemaVersion: number;
    pages: number;
    sections: number;
    products: Array<{ product: string; pages: number; sections: number }>;
  };
}

/**
 * `GET /healthz`: what the endpoint serves. The file path and the docs source are left out (no paths in
 * responses). Counts are read once per index (a GROUP BY over all pages) and kept with it.
 */
export function createHealthReporter(version: string): (index: LoadedIndex) => HealthReport {
  const reports = new WeakMap<LoadedIndex, HealthReport>();
  return (index) => {
    let report = reports.get(index);
    if (!report) {
      const stats = readIndexStats(index.handle);
      report = {
        status: 'ok',
        version,
        index: {
          loaded: true,
          docsCommit: stats.meta.docsCommit,
          builtAt: stats.meta.builtAt,
          schemaVersion: stats.meta.schemaVersion,
          pages: stats.meta.pageCount,
          sections: stats.meta.sectionCount,
          products: stats.products.map(({ product, pages, sections }) => ({ product, pages, sections })),
        },
      };
      reports.set(index, report);
    }
    return report;
  };
}
