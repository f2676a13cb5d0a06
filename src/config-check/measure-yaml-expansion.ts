import type { Document, Node } from 'yaml';
import type { Finding } from './types.js';

/** What the aliases of a parsed document would add to its data, counted before converting it. */
export interface YamlExpansion {
  /** Values (mapping keys and values, sequence items, scalars) that aliases and `<<` merges copy into the data. */
  nodes: number;
  /** Characters of scalar text they copy. */
  chars: number;
  /** Alias uses (`*name`, merges included). */
  aliases: number;
}

export interface YamlExpansionLimits {
  /** Most values aliases may copy. */
  maxNodes: number;
  /** Most characters of scalar text aliases may copy. */
  maxChars: number;
  /** Most alias uses. */
  maxAliases: number;
  /** Deepest nesting of mappings and sequences. */
  maxDepth: number;
}

/**
 * Why a document was refused: which limit it passed, for a message that says what to change. `measured` is a
 * lower bound: counting stops at the first limit passed.
 */
export class YamlTooLargeError extends Error {
  override name = 'YamlTooLargeError';
  constructor(
    readonly limit: keyof YamlExpansionLimits | 'recursive-alias',
    readonly measured: number,
  ) {
    super(`YAML expansion past ${limit} (${measured})`);
  }
}

/**
 * Count what aliases would copy into `doc.toJS()`'s data, in one pass over the node tree, and throw
 * YamlTooLargeError past a limit. What the text writes out is bounded by its length; what aliases copy is not.
 *
 * The `yaml` package's own guard (`maxAliasCount`) counts alias uses, not what they copy: a `<<: *m` merge
 * re-converts the whole mapping `m` each time (its merges included), so a few kilobytes of nested merges expand
 * to gigabytes, and every check after parsing walks the expanded data as a tree. Here each anchored node's
 * expanded size is computed once and reused for every alias of it, so the count costs one walk of the text's
 * nodes however much the aliases would expand.
 *
 * Anchors are resolved as YAML 1.2 §3.2.2.2 says: an alias refers to the most recent node with that anchor
 * before it in the document, which is the order of this walk.
 */
export function measureYamlExpansion(doc: Document, limits: YamlExpansionLimits, yaml: typeof import('yaml')): YamlExpansion {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml;
  const anchors = new Map<string, Node>();
  /** Expanded size of each anchored node, once measured. */
  const sizes = new Map<Node, { nodes: number; chars: number }>();
  const copied = { nodes: 0, chars: 0, aliases: 0 };

  const measure = (node: unknown, depth: number): { nodes: number; chars: number } => {
    if (depth > limits.maxDepth) throw new YamlTooLargeError('maxDepth', depth);
    if (node === null || node === undefined) return { nodes: 1, chars: 0 };
    if (isAlias(node)) {
      copied.aliases += 1;
      if (copied.aliases > limits.maxAliases) throw new YamlTooLargeError('maxAliases', copied.aliases);
      const target = anchors.get(node.source);
      if (!target) return { nodes: 1, chars: 0 }; // An unresolved alias is the parser's error to report.
      const size = sizes.get(target);
      // The anchor is still being measured: the alias sits inside its own anchor (`&a [*a]`), a cycle.
      if (!size) throw new YamlTooLargeError('recursive-alias', copied.aliases);
      copied.nodes += size.nodes;
      copied.chars += size.chars;
      if (copied.nodes > limits.maxNodes) throw new YamlTooLargeError('maxNodes', copied.nodes);
      if (copied.chars > limits.maxChars) throw new YamlTooLargeError('maxChars', copied.chars);
      return size;
    }
    const anchor = (node as Node).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    let nodes = 1;
    let chars = 0;
    if (isScalar(node)) {
      chars = typeof node.value === 'string' ? node.value.length : String(node.value).length;
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        for (const part of isPair(item) ? [item.key, item.value] : [item]) {
          const size = measure(part, depth + 1);
          nodes += size.nodes;
          chars += size.chars;
        }
      }
    }
    const size = { nodes, chars };
    if (anchor) sizes.set(node as Node, size);
    return size;
  };

  measure(doc.contents, 0);
  return copied;
}

/** The finding for a refused document: which bound it passed, and what to write instead. */
export function describeYamlTooLarge(error: YamlTooLargeError, limits: YamlExpansionLimits): Finding {
  const through = 'through its anchors, aliases and `<<` merges, far past any real config';
  const what = {
    maxNodes: `copies more than ${limits.maxNodes.toLocaleString('en-US')} values ${through}`,
    maxChars: `copies more than ${limits.maxChars.toLocaleString('en-US')} characters of text ${through}`,
    maxAliases: `uses more than ${limits.maxAliases.toLocaleString('en-US')} aliases`,
    maxDepth: `nests mappings and sequences more than ${limits.maxDepth} levels deep`,
    'recursive-alias': 'has an alias inside the node it refers to (a cycle)',
  }[error.limit];
  return {
    severity: 'error',
    code: 'invalid-yaml',
    path: '',
    message: `The file ${what}; nothing was checked. Write repeated values out, or merge fewer and smaller anchors.`,
    docs: { path: 'learn/overview/yaml/what-is-yaml.md' },
  };
}
