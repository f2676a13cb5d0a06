import { estimateTokens } from '../tokens.js';

export const DEFAULT_MAX_TOKENS = 2_500;
/** Hosts cap a tool's output near 25,000 tokens; stay far below so the answer is never cut by them. */
export const MAX_MAX_TOKENS = 10_000;

export interface BudgetItem {
  markdown: string;
}

export interface BudgetFit {
  /** Content for each item, in order: whole, cut at a block boundary, or '' when left out. */
  contents: string[];
  tokens: number;
  /** Indexes of the items that were cut or left out. */
  truncated: number[];
}

/**
 * Fill a token budget with the items' Markdown in rank order. An item that does not fit whole is
 * cut at the last paragraph boundary that fits, never inside a code block, and marked as cut;
 * items after the budget ran out get no content (the caller says where to read them).
 */
export function fitBudget(items: BudgetItem[], maxTokens: number): BudgetFit {
  let left = maxTokens;
  const contents: string[] = [];
  const truncated: number[] = [];
  for (const [index, item] of items.entries()) {
    const cost = estimateTokens(item.markdown);
    if (cost <= left) {
      contents.push(item.markdown);
      left -= cost;
      continue;
    }
    const cut = left >= 60 ? cutAtBlock(item.markdown, left) : '';
    contents.push(cut);
    left -= estimateTokens(cut);
    truncated.push(index);
  }
  return { contents, tokens: maxTokens - left, truncated };
}

/** The longest prefix made of whole blocks (paragraphs, lists, tables, code blocks) within `tokens`. */
export function cutAtBlock(markdown: string, tokens: number): string {
  const marker = '\n\n[…]';
  const blocks = splitBlocks(markdown);
  let out = '';
  for (const block of blocks) {
    const next = out === '' ? block : `${out}\n\n${block}`;
    // The marker that says the section goes on counts against the budget too.
    if (estimateTokens(next + marker) > tokens) break;
    out = next;
  }
  return out === '' ? '' : `${out}${marker}`;
}

/** Split Markdown at blank lines that are not inside a fenced code block. */
export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence[0] ?? '`') && marker.length >= fence.length) fence = null;
    }
    if (line.trim() === '' && fence === null) {
      if (current.length > 0) blocks.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}
