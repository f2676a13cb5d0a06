// markdown-it exports its rule modules (package.json `exports: "./*"`) but @types/markdown-it does not
// type them. parse-markdown.ts wraps these rules to record where their tokens (or, for definitions, lines) are.
declare module 'markdown-it/lib/rules_inline/link.mjs' {
  import type { StateInline } from 'markdown-it';
  const rule: (state: StateInline, silent: boolean) => boolean;
  export default rule;
}
declare module 'markdown-it/lib/rules_inline/autolink.mjs' {
  import type { StateInline } from 'markdown-it';
  const rule: (state: StateInline, silent: boolean) => boolean;
  export default rule;
}
declare module 'markdown-it/lib/rules_inline/linkify.mjs' {
  import type { StateInline } from 'markdown-it';
  const rule: (state: StateInline, silent: boolean) => boolean;
  export default rule;
}
declare module 'markdown-it/lib/rules_inline/html_inline.mjs' {
  import type { StateInline } from 'markdown-it';
  const rule: (state: StateInline, silent: boolean) => boolean;
  export default rule;
}
declare module 'markdown-it/lib/rules_block/reference.mjs' {
  import type { StateBlock } from 'markdown-it';
  const rule: (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
  export default rule;
}
