import type { ImageRegistry } from '../registry/image-registry.js';
import { checkComposableShape } from './check-composable-shape.js';
import { checkCronFrequency } from './check-cron-frequency.js';
import { checkReferences } from './check-references.js';
import { checkDeprecatedProperties } from './check-deprecated-properties.js';
import { checkImageTypes } from './check-image-types.js';
import { checkMountSources } from './check-mount-sources.js';
import { checkTopLevelKeys } from './check-top-level-keys.js';
import { collapseSchemaErrors } from './collapse-schema-errors.js';
import { collectUsedKeys } from './collect-used-keys.js';
import { compileConfigSchema } from './compile-config-schema.js';
import { describeSchemaErrors } from './describe-schema-errors.js';
import { readJsonPointer } from './format-yaml-path.js';
import { describeFixedInput, renderUpsunShape } from './describe-fixed-input.js';
import { mergeConfigDocuments, type CheckedDocument } from './merge-config-documents.js';
import { readRecord } from './read-record.js';
import { parseConfigYaml } from './parse-config-yaml.js';
import { detectConfigFileKind, mapToUpsunShape } from './read-platformsh-config.js';
import { splitYamlDocuments } from './split-yaml-documents.js';
import { summarizeConfig } from './summarize-config.js';
import type { ConfigReport, Finding } from './types.js';

export interface ConfigCheckDeps {
  /** The parsed JSON Schema of `.upsun/config.yaml` (`DATA_PATHS.configSchema`). */
  schema: unknown;
  /** The image registry (`loadImageRegistry(DATA_PATHS.imageRegistry)`). */
  registry: ImageRegistry;
}

export interface ConfigCheckOptions {
  /** Findings kept in the report at most; one `too-many-findings` note says how many were dropped. Default 200. */
  maxFindings?: number;
}

export interface ConfigChecker {
  check(yamlText: string): ConfigReport;
}

/** Codes of checks that explain a value better than the schema's generic "must be one of" does. */
const SPECIFIC_VALUE_CODES = new Set<Finding['code']>(['local-mount', 'legacy-mount']);

/**
 * Compiles the schema once and returns a checker to reuse across calls (compiling takes longer than
 * checking a typical file).
 */
export function createConfigChecker(deps: ConfigCheckDeps, options: ConfigCheckOptions = {}): ConfigChecker {
  const compiled = compileConfigSchema(deps.schema);
  const { maxFindings = 200 } = options;
  const appProperties = listAppProperties(compiled.schema);
  const latestChannel = deps.registry.listVersions('composable')[0]?.versions.supported[0]?.version;
  return {
    check(yamlText) {
      const split = splitYamlDocuments(yamlText);
      const parseFindings: Finding[] = [];
      const documents: CheckedDocument[] = [];
      for (const document of split.documents) {
        const parsed = parseConfigYaml(document.text);
        parseFindings.push(...parsed.findings);
        if (!parsed.ok) continue;
        const kind = detectConfigFileKind(parsed.config.data, deps.registry, appProperties);
        documents.push({ line: document.line, config: parsed.config, mapped: mapToUpsunShape(kind, parsed.config.data) });
      }
      if (split.leftOut > 0) {
        parseFindings.push({
          severity: 'info',
          code: 'too-many-findings',
          path: '',
          message: `${split.leftOut} more YAML documents were not checked. Paste them in a second call.`,
        });
      }
      const described = documents.map(({ line, mapped }) => ({ kind: mapped.kind, line }));
      if (documents.length === 0) return { ...buildReport(parseFindings, maxFindings), documents: described };

      const { data, locate, unchecked, includeNotes, droppedNotes } = mergeConfigDocuments(documents);
      const isUnchecked = (instancePath: string) => {
        const path = readJsonPointer(instancePath, data);
        return unchecked.some((u) => u.length <= path.length && u.every((segment, i) => String(segment) === String(path[i])));
      };
      const schemaErrors = collapseSchemaErrors(compiled.validate(data).filter((e) => !isUnchecked(e.instancePath)));
      const specific = [...checkMountSources(data, locate)];
      const specificPaths = new Set(specific.filter((f) => SPECIFIC_VALUE_CODES.has(f.code)).map((f) => f.path));
      const fixed = documents.filter((d) => d.mapped.kind !== 'upsun');
      const schemaFindings = describeSchemaErrors(schemaErrors, { data, locate }).filter(
        (f) =>
          !((f.code === 'invalid-value' || f.code === 'wrong-type') && specificPaths.has(f.path)) &&
          // Fixed files are split differently: the `platformsh-file` note says what the Upsun file needs.
          !(fixed.length > 0 && f.code === 'missing-property' && f.path === ''),
      );

      const findings = [
        ...describeFixedInput(documents),
        ...parseFindings,
        ...schemaFindings,
        ...specific,
        ...checkTopLevelKeys(data, locate),
        ...checkDeprecatedProperties(data, compiled.schema, locate),
        ...checkImageTypes({ data, registry: deps.registry, locate }),
        ...checkReferences({ data, registry: deps.registry, locate }),
        ...checkComposableShape(data, locate, latestChannel),
        ...checkCronFrequency(data, locate),
        ...includeNotes,
        ...droppedNotes,
      ];
      return {
        ...buildReport(findings, maxFindings),
        ...summarizeConfig(data, locate),
        usedKeys: collectUsedKeys(data),
        documents: described,
        ...(fixed.length > 0 ? { upsunConfig: renderUpsunShape(data) } : {}),
      };
    },
  };
}

/** The property names an app may have, from the schema (`applications.*`). */
function listAppProperties(schema: unknown): ReadonlySet<string> {
  const app = readRecord(readRecord(readRecord(readRecord(schema).properties).applications).additionalProperties);
  return new Set(Object.keys(readRecord(app.properties)));
}

/** One-off check; prefer {@link createConfigChecker} when checking more than one file. */
export function checkConfig(yamlText: string, deps: ConfigCheckDeps, options: ConfigCheckOptions = {}): ConfigReport {
  return createConfigChecker(deps, options).check(yamlText);
}

function buildReport(findings: Finding[], maxFindings: number): ConfigReport {
  // When trimming, errors survive before warnings and notes, whatever their line.
  const kept =
    findings.length > maxFindings
      ? sortFindings(
          [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).slice(0, maxFindings),
        )
      : sortFindings(findings);
  if (findings.length > maxFindings) {
    kept.push({
      severity: 'info',
      code: 'too-many-findings',
      path: '',
      message: `${findings.length - maxFindings} more findings were left out. Fix the ones above and check again.`,
    });
  }
  return {
    valid: !findings.some((f) => f.severity === 'error'),
    findings: kept,
    apps: [],
    services: [],
    routes: [],
    usedKeys: [],
    documents: [],
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** By line (findings about the whole file first), then errors before warnings before notes. */
function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.path.localeCompare(b.path),
  );
}
