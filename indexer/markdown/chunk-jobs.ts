import { toPageUrls } from '../hugo/page-url.js';
import { createLinkResolver } from '../hugo/resolve-link.js';
import { chunkPage, type ChunkedPage } from './chunk-page.js';

/** What every page of one site shares when it is chunked: plain data, so it can be sent to a worker thread. */
export interface ChunkSite {
  /** Every content path of the site, which links are resolved against. */
  paths: string[];
  baseUrl: string;
  /** The site's config file names by key, to label `configFile=` code blocks. */
  configFiles: Readonly<Record<string, string>>;
}

/** One page to chunk: its body with shortcodes resolved, its title and content path. */
export interface ChunkJob {
  markdown: string;
  title: string;
  path: string;
}

/**
 * Chunk pages of one site, in order, in this thread: what a worker of the chunk pool runs, and what the
 * build runs itself when a pool would not pay. Links resolve to public URLs; a same-page link gets the
 * page's full URL, since a section is read apart from its page.
 */
export function runChunkJobs(site: ChunkSite, jobs: readonly ChunkJob[]): ChunkedPage[] {
  const links = createLinkResolver(site.paths, site.baseUrl);
  return jobs.map((job) =>
    chunkPage({
      markdown: job.markdown,
      title: job.title,
      path: job.path,
      configFiles: site.configFiles,
      resolveLink: (destination: string) => {
        const link = links(destination, job.path);
        if (link.kind === 'internal' || link.kind === 'external') return link.url;
        return link.kind === 'same-page' ? `${toPageUrls(job.path, site.baseUrl).html}#${link.fragment}` : undefined;
      },
    }),
  );
}
