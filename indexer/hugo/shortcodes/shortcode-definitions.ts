import { blockShortcodes } from './block-shortcodes.js';
import { dataTableShortcodes } from './data-table-shortcodes.js';
import { registryShortcodes } from './registry-shortcodes.js';
import type { ShortcodeDefinition } from './shortcode-call.js';
import { snippetShortcodes } from './snippet-shortcode.js';
import { templateShortcodes } from './template-shortcode.js';
import { vendorShortcodes } from './vendor-shortcodes.js';
import { widgetShortcodes } from './widget-shortcodes.js';

/**
 * Every shortcode with a dedicated handler, by name. Names not listed here are rendered from
 * their template file by the Go template evaluator, or reported as unknown. An immutable table of
 * functions, built once: a resolver is created per page, and rebuilding it each time cost more
 * than resolving the shortcodes of a small page.
 */
const SHORTCODE_DEFINITIONS: ReadonlyMap<string, ShortcodeDefinition> = Object.freeze(
  new Map(
    Object.entries({
      ...vendorShortcodes,
      ...registryShortcodes,
      ...blockShortcodes,
      ...snippetShortcodes,
      ...dataTableShortcodes,
      ...widgetShortcodes,
      ...templateShortcodes,
    }),
  ),
);

export function listShortcodeDefinitions(): ReadonlyMap<string, ShortcodeDefinition> {
  return SHORTCODE_DEFINITIONS;
}

