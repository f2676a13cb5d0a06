import type { LoadedIndex } from '../../docs/loaded-index.js';
import { readIndexStats } from '../../db/index-stats.js';
import { INDEX_UNREADABLE_MESSAGE, isIndexReadFailure } from '../../db/index-read-failure.js';

export type HealthReport = HealthyReport | UnhealthyReport;

export interface HealthyReport {
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

/** The index cannot be read: `/healthz` answers it with 503, so a load balancer or an operator sees it. */
export interface UnhealthyReport {
  status: 'unhealthy';
  version: string;
  index: { loaded: false; error: string };
}

/**
 * `GET /healthz`: what the endpoint serves, read from the index itself (a GROUP BY over its pages and
 * sections), so a file damaged under the server reports unhealthy instead of ok. Read at most once per
 * `probeIntervalMs` (default 1 s): the route is public and not rate-limited. The file path and the docs
 * source are left out (no paths in responses), and so is SQLite's error text.
 */
export function createHealthReporter(version: string, { probeIntervalMs = 1_000, now = () => performance.now() } = {}): (index: LoadedIndex) => HealthReport {
  let last: { index: LoadedIndex; at: number; report: HealthReport } | undefined;
  return (index) => {
    const time = now();
    if (last && last.index === index && time - last.at < probeIntervalMs) return last.report;
    const report = probe(index, version);
    last = { index, at: time, report };
    return report;
  };
}

function probe(index: LoadedIndex, version: string): HealthReport {
  let stats;
  try {
    stats = readIndexStats(index.handle);
  } catch (error) {
    if (!isIndexReadFailure(error)) throw error;
    return { status: 'unhealthy', version, index: { loaded: false, error: INDEX_UNREADABLE_MESSAGE } };
  }
  return {
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
}
