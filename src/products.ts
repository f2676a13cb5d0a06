/**
 * The doc sets one index can hold. Both come from the same `platformsh-docs` tree:
 * each product is a Hugo site with its own content folder, params and public base URL.
 */
export const PRODUCTS = ['upsun', 'platformsh'] as const;

export type Product = (typeof PRODUCTS)[number];

export interface ProductInfo {
  /** Display name, as the docs call the product. */
  name: string;
  /** Hugo site folder inside the docs tree. */
  siteDir: string;
  /** Public base URL of the built site (no trailing slash). */
  baseUrl: string;
}

export const PRODUCT_INFO: Record<Product, ProductInfo> = {
  upsun: { name: 'Upsun', siteDir: 'sites/upsun', baseUrl: 'https://docs.upsun.com' },
  platformsh: { name: 'Upsun Fixed (Platform.sh)', siteDir: 'sites/platform', baseUrl: 'https://fixed.docs.upsun.com' },
};

export const DEFAULT_PRODUCT: Product = 'upsun';

export function isProduct(value: unknown): value is Product {
  return typeof value === 'string' && (PRODUCTS as readonly string[]).includes(value);
}
