import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, extname, basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PRODUCT_INFO, type Product } from '../../src/products.js';

/** The `vendor` block of a site's params.yaml: the values `vendor/*` shortcodes render. */
export interface VendorParams {
  name: string;
  company_name: string;
  cli: string;
  altname: string;
  env_prefix: string;
  cli_prefix: string;
  psh_ref?: string;
  config: {
    version: number;
    dir: string;
    filename: string;
    files: Record<string, string>;
    prefix?: Record<string, string>;
  };
  urls: Record<string, string>;
  [key: string]: unknown;
}

/** What Hugo knows about one product's site when it renders a page. */
export interface HugoSite {
  product: Product;
  /** Root of the docs tree (the folder that holds sites/, shared/, themes/). */
  root: string;
  /** Absolute path of the site folder, e.g. <root>/sites/upsun. */
  siteDir: string;
  /** Absolute path of the content folder (<siteDir>/src, mounted as Hugo's content/). */
  contentDir: string;
  baseUrl: string;
  /** params.yaml as parsed. */
  params: Record<string, unknown>;
  vendor: VendorParams;
  /** Hugo's `.Site.Data`: every file of shared/data by base name (registry, regions, ...). */
  data: Record<string, unknown>;
  /** Folders searched for `shortcodes/` and `partials/` templates, site overrides first. */
  layoutDirs: string[];
}

export interface LoadHugoSiteOptions {
  /** shared/data as `loadSharedData` read it, when another product of the same tree already did (default: read it). */
  sharedData?: Record<string, unknown>;
}

/** The tree's shared/data folder, which every product's site mounts as Hugo's `.Site.Data` (read-only). */
export function loadSharedData(root: string): Record<string, unknown> {
  return loadDataDir(join(root, 'shared/data'));
}

/**
 * Load a product's site configuration and data files from a docs tree.
 * Throws with the missing path when the tree is not a platformsh-docs checkout.
 */
export function loadHugoSite(root: string, product: Product, options: LoadHugoSiteOptions = {}): HugoSite {
  const info = PRODUCT_INFO[product];
  const siteDir = join(root, info.siteDir);
  const contentDir = join(siteDir, 'src');
  const paramsFile = join(siteDir, 'config/_default/params.yaml');
  for (const required of [contentDir, paramsFile]) {
    if (!existsSync(required)) {
      throw new Error(
        `Not a platformsh-docs tree: ${required} is missing. Point --source at a checkout of platformsh/platformsh-docs (the folder that holds sites/ and shared/).`,
      );
    }
  }
  const params = parseYaml(readFileSync(paramsFile, 'utf8')) as Record<string, unknown>;
  const vendor = params.vendor as VendorParams | undefined;
  if (!vendor || typeof vendor.name !== 'string') {
    throw new Error(`${paramsFile} has no vendor block; cannot resolve vendor/* shortcodes.`);
  }
  return {
    product,
    root,
    siteDir,
    contentDir,
    baseUrl: info.baseUrl,
    params,
    vendor,
    data: options.sharedData ?? loadSharedData(root),
    layoutDirs: [join(siteDir, 'layouts'), join(root, 'themes/psh-docs/layouts')].filter((dir) => existsSync(dir)),
  };
}

/** Read a Hugo data folder the way Hugo does: one entry per file, keyed by base name, folders nested. */
function loadDataDir(dir: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (!existsSync(dir)) return data;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      data[entry.name] = loadDataDir(full);
      continue;
    }
    const ext = extname(entry.name);
    const key = basename(entry.name, ext);
    if (ext === '.json') data[key] = JSON.parse(readFileSync(full, 'utf8'));
    else if (ext === '.yaml' || ext === '.yml') data[key] = parseYaml(readFileSync(full, 'utf8'));
  }
  return data;
}
