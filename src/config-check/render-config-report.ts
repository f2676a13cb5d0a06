import { formatDocsUrl } from './format-docs-url.js';
import type { ConfigReport, Finding } from './types.js';

export interface RenderConfigReportOptions {
  /** Include the "Docs for the keys used" list. Default true. */
  includeUsedKeys?: boolean;
}

/**
 * Compact Markdown for a model or a person: a verdict line, then one bullet per finding with its line,
 * path, message and docs link, then what the file defines and where its keys are documented.
 */
export function renderConfigReport(report: ConfigReport, options: RenderConfigReportOptions = {}): string {
  const { includeUsedKeys = true } = options;
  const count = (severity: Finding['severity']) => report.findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const verdict = report.valid
    ? `Valid: no errors${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}.`
    : `Invalid: ${plural(errors, 'error')}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}.`;
  const fixed = report.upsunConfig !== undefined;
  const lines = [fixed ? '## Upsun Fixed (Platform.sh) config check, as Upsun' : '## .upsun/config.yaml check', '', verdict];

  if (report.findings.length > 0) {
    lines.push('', '### Findings');
    for (const finding of report.findings) lines.push(renderFinding(finding));
  }
  if (fixed) {
    lines.push('', '### The .upsun/config.yaml it maps to', '```yaml', (report.upsunConfig ?? '').trimEnd(), '```');
  }
  if (report.apps.length > 0) {
    lines.push('', '### Applications');
    for (const app of report.apps) {
      const details = [
        app.type ? `\`${app.type}\`` : 'no type',
        app.stack ? `stack ${app.stack.map((s) => `\`${s}\``).join(', ')}` : '',
        app.relationships.length > 0 ? `relationships: ${app.relationships.join(', ')}` : '',
        app.mounts.length > 0 ? `mounts: ${app.mounts.join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`- \`${app.name}\`${app.line ? ` (line ${app.line})` : ''}: ${details.join('; ')}`);
    }
  }
  if (report.services.length > 0) {
    lines.push('', '### Services');
    for (const service of report.services) {
      lines.push(`- \`${service.name}\`${service.line ? ` (line ${service.line})` : ''}: ${service.type ? `\`${service.type}\`` : 'no type'}`);
    }
  }
  if (report.routes.length > 0) {
    lines.push('', '### Routes');
    for (const route of report.routes) {
      const target = route.upstream ? ` → \`${route.upstream}\`` : route.to ? ` → ${route.to}` : '';
      lines.push(`- \`${route.url}\`${route.line ? ` (line ${route.line})` : ''}: ${route.type ?? 'no type'}${target}`);
    }
  }
  if (includeUsedKeys && report.usedKeys.length > 0) {
    lines.push('', '### Docs for the keys used');
    for (const used of report.usedKeys) lines.push(`- \`${used.key}\`: ${formatDocsUrl(used.docs)}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderFinding(finding: Finding): string {
  const where = [finding.line ? `line ${finding.line}` : '', finding.path ? `\`${finding.path}\`` : '']
    .filter(Boolean)
    .join(' ');
  const docs = finding.docs ? ` Docs: ${formatDocsUrl(finding.docs)}` : '';
  return `- **${finding.severity}**${where ? ` ${where}` : ''}: ${finding.message}${docs}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
