import { createRequire } from 'node:module';
import type { CollectionTag, Document, LineCounter, Node, Pair, ScalarTag, YAMLMap, YAMLParseError } from 'yaml';
import { formatYamlPath } from './format-yaml-path.js';
import { describeYamlTooLarge, measureYamlExpansion, YamlTooLargeError, type YamlExpansionLimits } from './measure-yaml-expansion.js';
import type { Finding, YamlPath } from './types.js';

/** A position in the checked text, 1-based. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A value written with one of Upsun's custom tags (`learn/overview/yaml/platform-yaml-tags.md`). */
export interface TaggedValue {
  tag: '!include' | '!archive';
  path: YamlPath;
  /** `yaml` (the default), `string` or `binary` for `!include`; `directory` for `!archive`. */
  contentType: 'yaml' | 'string' | 'binary' | 'directory';
  /** The referenced file or folder, when written. */
  target?: string;
}

export interface ParsedConfig {
  /**
   * The plain data. `!include` of type string/binary and `!archive` become placeholder strings; `!include`
   * of YAML becomes an empty mapping, and its path is listed in `unchecked` (the content is in another file).
   */
  data: unknown;
  tagged: TaggedValue[];
  /** Paths whose content comes from an included YAML file and so can't be checked from this text. */
  unchecked: YamlPath[];
  /** Where a path is written: the key of a mapping entry or the start of a sequence item. */
  locate(path: YamlPath): TextPosition | undefined;
}

interface NodeLocator {
  locate(path: YamlPath): TextPosition | undefined;
  positionAt(offset: number): TextPosition;
}

export type ParseConfigResult = { ok: true; config: ParsedConfig; findings: Finding[] } | { ok: false; findings: Finding[] };

const UPSUN_TAGS = new Set(['!include', '!archive']);

// `yaml` is loaded by the first parse, not when the server starts: importing it costs ~40 ms of the stdio
// server's start-up budget, and most sessions never check a config. It is CommonJS, so it loads synchronously.
const requireCjs = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const loadYaml = () => (yamlModule ??= requireCjs('yaml') as typeof import('yaml'));

/**
 * Upsun's tags resolve on the platform, not here: declaring them keeps the parser from warning and
 * leaves the tag on the node, where {@link inspectYamlNodes} finds it.
 */
let customTags: Array<ScalarTag | CollectionTag> | undefined;
const loadCustomTags = (): Array<ScalarTag | CollectionTag> =>
  (customTags ??= [
    { tag: '!include', resolve: (value: string) => value },
    { tag: '!include', collection: 'map', nodeClass: loadYaml().YAMLMap, resolve: (map) => map },
    { tag: '!archive', resolve: (value: string) => value },
  ]);

/**
 * Parses `.upsun/config.yaml` text. Never throws on bad input: invalid YAML yields one `invalid-yaml`
 * finding at the first error (later parser errors are usually its consequences).
 */
export function parseConfigYaml(text: string): ParseConfigResult {
  const { LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    customTags: loadCustomTags(),
    // Platform.sh/Upsun configs in the wild use YAML 1.1 `<<` merge keys.
    merge: true,
    prettyErrors: true,
    // The parser's own duplicate-key check compares each key with all earlier ones (quadratic: seconds
    // on a 1 MB file); inspectYamlNodes does it with a set while it walks the tree anyway.
    uniqueKeys: false,
  });
  const firstError = doc.errors[0];
  if (firstError) return { ok: false, findings: [describeYamlError(firstError, text, lineCounter)] };

  try {
    measureYamlExpansion(doc, EXPANSION_LIMITS, loadYaml());
  } catch (error) {
    if (error instanceof YamlTooLargeError) return { ok: false, findings: [describeYamlTooLarge(error, EXPANSION_LIMITS)] };
    throw error;
  }
  // Counted above, linearly; the package's own alias count re-walks the document for every alias (quadratic).
  let data: unknown = doc.toJS({ maxAliasCount: -1 });

  const findings: Finding[] = [];
  const findRange = createRangeFinder(doc);
  const locate = (path: YamlPath): TextPosition | undefined => {
    const range = findRange(path);
    if (range === undefined) return undefined;
    const { line, col } = lineCounter.linePos(range);
    return { line, column: col };
  };
  const tagged: TaggedValue[] = [];
  const positionAt = (offset: number): TextPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  inspectYamlNodes(doc.contents, [], tagged, findings, { locate, positionAt });
  const unchecked: YamlPath[] = [];
  for (const value of tagged) {
    if (value.contentType === 'yaml') {
      unchecked.push(value.path);
      data = replaceAt(data, value.path, {});
    } else {
      data = replaceAt(data, value.path, `${value.tag} ${value.target ?? ''}`.trim());
    }
  }
  return { ok: true, config: { data, tagged, unchecked, locate }, findings };
}

/**
 * What a config's anchors, aliases and `<<` merges may copy: more values than a 200,000-character file can
 * write out (~100,000) and ten times its text, room for real anchors (shared env, mounts) and far from a bomb.
 */
const EXPANSION_LIMITS: YamlExpansionLimits = { maxNodes: 250_000, maxChars: 2_000_000, maxAliases: 1_000, maxDepth: 100 };

/**
 * One finding for the first parser error (later ones are usually its consequences). An unclosed quote is
 * reported by the parser where the file ends; the opening quote is where the fix goes, so point there.
 */
function describeYamlError(error: YAMLParseError, text: string, lineCounter: LineCounter): Finding {
  const docs = { path: 'learn/overview/yaml/what-is-yaml.md' };
  const quote = error.code === 'MISSING_CHAR' ? /Missing closing (["'])quote/.exec(error.message)?.[1] : undefined;
  if (quote) {
    const opening = text.lastIndexOf(quote, Math.max(0, error.pos[0] - 1));
    if (opening !== -1) {
      const { line, col } = lineCounter.linePos(opening);
      return {
        severity: 'error',
        code: 'invalid-yaml',
        path: '',
        line,
        column: col,
        message: `The file isn't valid YAML: the string that starts at line ${line} has no closing \`${quote}\`. Close it; nothing else was checked.`,
        docs,
      };
    }
  }
  const position = error.linePos?.[0];
  const reason = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
  return {
    severity: 'error',
    code: 'invalid-yaml',
    path: '',
    ...(position ? { line: position.line, column: position.col } : {}),
    message: `The file isn't valid YAML: ${reason}. Fix the syntax${position ? ` at line ${position.line}` : ''}; nothing else was checked.`,
    docs,
  };
}

/**
 * Walks the node tree (not aliases: their targets are walked where defined) collecting values with Upsun's
 * tags and reporting unknown tags and duplicate keys.
 */
function inspectYamlNodes(
  node: unknown,
  path: Array<string | number>,
  out: TaggedValue[],
  findings: Finding[],
  locator: NodeLocator,
): void {
  const { isAlias, isMap, isScalar, isSeq } = loadYaml();
  if (isAlias(node) || node === null || node === undefined) return;
  const tag = (node as Node).tag;
  if (typeof tag === 'string' && tag.startsWith('!') && !tag.startsWith('!!')) {
    if (UPSUN_TAGS.has(tag)) {
      out.push(describeTaggedValue(tag as TaggedValue['tag'], node, [...path]));
      return;
    }
    const position = locator.locate(path);
    findings.push({
      severity: 'warning',
      code: 'unknown-tag',
      path: formatYamlPath(path),
      ...(position ?? {}),
      message: `\`${tag}\` isn't a YAML tag Upsun knows; only \`!include\` and \`!archive\` are supported. The value is read as if untagged.`,
      docs: { path: 'learn/overview/yaml/platform-yaml-tags.md' },
    });
  }
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') {
        const name = String(key);
        // `<<` may repeat: each one is a merge, not a key.
        if (seen.has(name) && name !== '<<') findings.push(describeDuplicateKey(name, path, pair.key, locator));
        seen.add(name);
        inspectYamlNodes(pair.value, [...path, name], out, findings, locator);
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => inspectYamlNodes(item, [...path, index], out, findings, locator));
  }
}

function describeDuplicateKey(name: string, path: YamlPath, keyNode: unknown, locator: NodeLocator): Finding {
  const first = locator.locate([...path, name]);
  const range = (keyNode as Node | null)?.range;
  const position = range ? locator.positionAt(range[0]) : undefined;
  const where = path.length === 0 ? 'at the top level' : `in \`${formatYamlPath(path)}\``;
  return {
    severity: 'error',
    code: 'duplicate-key',
    path: formatYamlPath([...path, name]),
    ...(position ?? {}),
    message:
      `\`${name}\` appears twice ${where}${first ? ` (first at line ${first.line})` : ''}. YAML keys must be unique ` +
      'and only the last one would count: merge the two or remove one.',
  };
}

function describeTaggedValue(tag: TaggedValue['tag'], node: unknown, path: YamlPath): TaggedValue {
  const { isMap, isScalar } = loadYaml();
  if (tag === '!archive') {
    const target = isScalar(node) ? String(node.value) : undefined;
    return { tag, path, contentType: 'directory', ...(target ? { target } : {}) };
  }
  if (isMap(node)) {
    // `!include {type: string, path: build.sh}`; `type` defaults to yaml.
    const type = node.get('type');
    const target = node.get('path');
    const contentType = type === 'string' || type === 'binary' ? type : 'yaml';
    return { tag, path, contentType, ...(typeof target === 'string' ? { target } : {}) };
  }
  const target = isScalar(node) ? String(node.value) : undefined;
  return { tag, path, contentType: 'yaml', ...(target ? { target } : {}) };
}

/**
 * Finds where paths are written. Mapping keys are indexed on first use, so locating every finding of a
 * large file stays linear instead of scanning each mapping once per lookup.
 */
function createRangeFinder(doc: Document): (path: YamlPath) => number | undefined {
  const { isAlias, isMap, isPair, isScalar, isSeq } = loadYaml();
  const keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
  const readKeys = (map: YAMLMap): Map<string, Pair> => {
    let keys = keyIndex.get(map);
    if (!keys) {
      keys = new Map();
      for (const pair of map.items) {
        // First occurrence wins; duplicates are a parse error and never get this far.
        if (isPair(pair) && isScalar(pair.key) && !keys.has(String(pair.key.value))) keys.set(String(pair.key.value), pair);
      }
      keyIndex.set(map, keys);
    }
    return keys;
  };
  return (path) => {
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0];
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = readKeys(node).get(String(segment));
        if (!pair) return offset;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) return offset;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        return offset;
      }
    }
    return offset;
  };
}

/** Returns `data` with the value at `path` replaced (a fresh object along the path; the rest is shared). */
function replaceAt(data: unknown, path: YamlPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(data) && typeof head === 'number') {
    const copy = [...data];
    copy[head] = replaceAt(copy[head], rest, value);
    return copy;
  }
  if (typeof data === 'object' && data !== null && head !== undefined) {
    const record = data as Record<string, unknown>;
    return { ...record, [head]: replaceAt(record[String(head)], rest, value) };
  }
  return data;
}
