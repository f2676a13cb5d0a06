export { checkConfig, createConfigChecker } from './check-config.js';
export type { ConfigCheckDeps, ConfigCheckOptions, ConfigChecker } from './check-config.js';
export { renderConfigReport } from './render-config-report.js';
export type { RenderConfigReportOptions } from './render-config-report.js';
export { DOCS_FOR_KEY } from './docs-for-key.js';
export { findDocsForPath } from './find-docs-for-path.js';
export { formatDocsUrl } from './format-docs-url.js';
export type * from './types.js';
