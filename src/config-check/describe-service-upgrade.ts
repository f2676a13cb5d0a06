import type { ImageInfo, ImageVersion } from '../registry/image-registry.js';
import { compareVersionsNewestFirst } from '../registry/compare-versions.js';
import type { DocsRef } from './types.js';

/**
 * How the docs say a service's version may change, per image. Changing the version of a service that keeps
 * data is not like bumping a runtime: for several of them it deletes the data, so "use the newest version"
 * is dangerous advice. Each rule cites the page section it comes from.
 */
type UpgradeRule =
  /** `add-services/mysql/_index.md#upgrade-change-or-downgrade-a-service`: destructive; export, step, import. */
  | 'export-then-step'
  /** Upstream only supports one version at a time (RabbitMQ, MongoDB); each step must deploy. */
  | 'step-by-step'
  /** No data upgrade mechanism: a new service with a new name, then reindex (OpenSearch, Elasticsearch, Solr). */
  | 'new-service'
  /** PostgreSQL 10+ converts the data itself; downgrades are not supported. */
  | 'in-place'
  /** Changing the version creates a fresh, empty volume (`add-services/network-storage.md#migration-options`). */
  | 'network-storage'
  /** Any other service that keeps data: `add-services/_index.md#upgrading-services` says one version at a time. */
  | 'progressive';

const upgradeDocs = (path: string, anchor = 'upgrading'): DocsRef => ({ path, anchor });
const MYSQL_DOCS = upgradeDocs('add-services/mysql/_index.md', 'upgrade-change-or-downgrade-a-service');
const MONGODB_DOCS = upgradeDocs('add-services/mongodb.md');
const ELASTICSEARCH_DOCS = upgradeDocs('add-services/elasticsearch.md');

const RULES: Readonly<Record<string, { rule: UpgradeRule; docs: DocsRef }>> = {
  mariadb: { rule: 'export-then-step', docs: MYSQL_DOCS },
  mysql: { rule: 'export-then-step', docs: MYSQL_DOCS },
  'oracle-mysql': { rule: 'export-then-step', docs: MYSQL_DOCS },
  rabbitmq: { rule: 'step-by-step', docs: upgradeDocs('add-services/rabbitmq.md') },
  mongodb: { rule: 'step-by-step', docs: MONGODB_DOCS },
  'mongodb-enterprise': { rule: 'step-by-step', docs: MONGODB_DOCS },
  opensearch: { rule: 'new-service', docs: upgradeDocs('add-services/opensearch.md') },
  elasticsearch: { rule: 'new-service', docs: ELASTICSEARCH_DOCS },
  'elasticsearch-enterprise': { rule: 'new-service', docs: ELASTICSEARCH_DOCS },
  solr: { rule: 'new-service', docs: upgradeDocs('add-services/solr.md') },
  postgresql: { rule: 'in-place', docs: upgradeDocs('add-services/postgresql/_index.md') },
  'network-storage': { rule: 'network-storage', docs: upgradeDocs('add-services/network-storage.md', 'migration-options') },
};

const PROGRESSIVE_DOCS: DocsRef = { path: 'add-services/_index.md', anchor: 'upgrading-services' };

export interface ServiceUpgradeAdvice {
  /** What to do instead of editing the version, in the docs' terms. */
  advice: string;
  docs: DocsRef;
}

/**
 * Advice for moving a service off a deprecated, retired or decommissioned version, or undefined when the
 * service keeps no data (Memcached, ephemeral Redis, Varnish...) and the registry's "use a supported version"
 * is safe. `typeName` is the name as written (`redis-persistent` keeps data where `redis` does not).
 */
export function describeServiceUpgrade(typeName: string, image: ImageInfo, current: ImageVersion): ServiceUpgradeAdvice | undefined {
  const known = RULES[image.name];
  const keepsData = image.needsDisk || typeName.endsWith('-persistent');
  if (!known && !keepsData) return undefined;
  const { rule, docs } = known ?? { rule: 'progressive' as const, docs: PROGRESSIVE_DOCS };
  const steps = listUpgradeSteps(image, current.version);
  const path = steps.length > 0 ? `${current.version} → ${steps.join(' → ')}` : undefined;
  const next = steps[0];
  const name = image.name;
  const backup = 'Back up the environment first (`upsun backup:create`) and try it on a preview environment.';
  switch (rule) {
    case 'export-then-step':
      return {
        docs,
        advice:
          'Changing the version of this service deletes the service and its data. ' +
          `${backup} Export the data (for example \`upsun db:dump\`), then ` +
          (path ? `upgrade one supported version at a time (${path}), deploying each step, ` : 'change the version, ') +
          'and import the data into the new service.',
      };
    case 'step-by-step':
      return {
        docs,
        advice:
          `Skipping versions is not supported: ${path ? `upgrade one version at a time (${path}) ` : 'upgrade one version at a time '}` +
          `and check that each commit actually deploys. ${backup} Downgrading is not supported.`,
      };
    case 'new-service':
      return {
        docs,
        advice:
          `${image.displayName} has no data upgrade: changing the version (even to ${next ?? 'a supported one'}) needs a new ` +
          `service. Either rename the service when you change its version (the old one and its indexes are deleted; ` +
          'update the relationships and reindex), or add a second service with the new version and a new name, ' +
          'reindex into it, then remove the old one.',
      };
    case 'in-place':
      return {
        docs,
        advice:
          `PostgreSQL 10 and later upgrade the data in place when you raise the version${next ? ` (next: ${name}:${next})` : ''}; ` +
          `9.x can't be upgraded to 9.6, go to 11 or later. ${backup} Downgrading is not supported: it takes a dump, a new service and an import.`,
      };
    case 'network-storage': {
      const target = image.versions.supported[0]?.version;
      return {
        docs,
        advice:
          `Don't just edit the version${target ? ` to ${target}` : ''}: that creates a fresh volume and permanently deletes ` +
          `the files on it. ${backup} Add a second network-storage service${target ? ` with version ${target}` : ''}, ` +
          'copy the files to it, point the mounts at it, then remove the old service (or ask Upsun Support to help).',
      };
    }
    case 'progressive':
      return {
        docs,
        advice:
          `This service keeps data. ${backup} ${path ? `Upgrade one version at a time (${path}), deploying each step` : 'Upgrade one version at a time'}, ` +
          'so large version gaps do not cause data loss.',
      };
  }
}

/**
 * The versions to go through, oldest first: every version newer than `current` that can still be deployed
 * (supported or deprecated). Retired and decommissioned versions are skipped: they can't be a step.
 */
function listUpgradeSteps(image: ImageInfo, current: string): string[] {
  return [...image.versions.supported, ...image.versions.deprecated]
    .map((v) => v.version)
    .filter((v) => compareVersionsNewestFirst(v, current) < 0)
    .sort((a, b) => compareVersionsNewestFirst(b, a));
}
