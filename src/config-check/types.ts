/** How bad a finding is: `error` blocks a deploy, `warning` deploys but needs attention, `info` is context. */
export type Severity = 'error' | 'warning' | 'info';

/** A docs page (source path under `sites/upsun/src`) and an optional heading id on it. */
export interface DocsRef {
  path: string;
  anchor?: string;
}

/** Stable identifiers for what a finding is about, for callers that filter or count. */
export type FindingCode =
  | 'invalid-yaml'
  | 'duplicate-key'
  | 'empty-config'
  | 'unknown-tag'
  | 'unchecked-include'
  | 'unknown-property'
  | 'unknown-top-level-key'
  | 'app-name-property'
  | 'resources-in-config'
  | 'deprecated-property'
  | 'missing-property'
  | 'wrong-type'
  | 'invalid-value'
  | 'schema'
  | 'invalid-image-type'
  | 'unknown-image'
  | 'unknown-version'
  | 'premium-version'
  | 'cron-frequency'
  | 'deprecated-version'
  | 'retired-version'
  | 'decommissioned-version'
  | 'unknown-stack-runtime'
  | 'local-mount'
  | 'legacy-mount'
  | 'unknown-relationship-target'
  | 'unknown-route-target'
  | 'unknown-endpoint'
  | 'unknown-mount-service'
  | 'network-storage-relationship'
  | 'composable-type-required'
  | 'flat-stack-list'
  | 'platformsh-file'
  | 'platformsh-only-key'
  | 'too-many-findings';

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** Readable YAML path, e.g. `applications.app.mounts.web/uploads.source`; empty for the whole file. */
  path: string;
  /** 1-based line and column in the checked text, when the location is known. */
  line?: number;
  column?: number;
  /** Plain English: what is wrong and what to do. */
  message: string;
  docs?: DocsRef;
}

/** A path into the parsed config: map keys and sequence indices. */
export type YamlPath = ReadonlyArray<string | number>;

export interface AppSummary {
  name: string;
  /** The `type` value as written, when it is a string. */
  type?: string;
  /** `stack` runtimes of a composable app (`nodejs@24`). */
  stack?: string[];
  line?: number;
  relationships: string[];
  mounts: string[];
}

export interface ServiceSummary {
  name: string;
  type?: string;
  line?: number;
}

export interface RouteSummary {
  /** The route key, e.g. `https://{default}/`. */
  url: string;
  type?: string;
  upstream?: string;
  to?: string;
  line?: number;
}

export interface UsedKey {
  /** Generic key path with `*` for names the user picks, e.g. `applications.*.mounts`. */
  key: string;
  docs: DocsRef;
}

/**
 * What a pasted file (or one document of a multi-document paste) is: `.upsun/config.yaml`, or one of the
 * Upsun Fixed (Platform.sh) files it replaces.
 */
export type ConfigFileKind =
  | 'upsun'
  | 'platformsh-app'
  | 'platformsh-applications'
  | 'platformsh-services'
  | 'platformsh-routes';

export interface InputDocument {
  kind: ConfigFileKind;
  /** 1-based line where the document starts. */
  line: number;
}

export interface ConfigReport {
  /** True when no finding is an error. */
  valid: boolean;
  /** Sorted by line; findings without a line come first. */
  findings: Finding[];
  apps: AppSummary[];
  services: ServiceSummary[];
  routes: RouteSummary[];
  usedKeys: UsedKey[];
  /** The documents of the input, in order (one for a plain `.upsun/config.yaml`). */
  documents: InputDocument[];
  /**
   * For Upsun Fixed (Platform.sh) input: the `.upsun/config.yaml` it maps to, as YAML (Fixed-only keys such
   * as `disk` left out). This is what was checked.
   */
  upsunConfig?: string;
}
