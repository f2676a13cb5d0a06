/**
 * `count.toLocaleString('en')` without Intl: the first Intl number format loads ICU's number data, ~15 ms
 * of a stdio server's start-up when a tool description is built with it.
 */
export function groupThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
