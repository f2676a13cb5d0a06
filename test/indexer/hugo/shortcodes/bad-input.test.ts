import { beforeAll, describe, expect, it } from 'vitest';
import { resolveShortcodes, type ResolveResult } from '../../../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import { createPageContext, loadCorpus, type Corpus } from './load-corpus.js';

let upsun: Corpus;

beforeAll(() => {
  upsun = loadCorpus('upsun');
});

/** Resolve as if `text` started on line 10 of add-services/redis.md. */
function resolve(text: string): ResolveResult {
  return resolveShortcodes(text, createPageContext(upsun, 'add-services/redis.md'), { firstLine: 10 });
}

const FILE = 'sites/upsun/src/add-services/redis.md';

describe('bad input', () => {
  it('an unclosed note is a warning at its line; the tag goes, the text after it stays', () => {
    const { text, warnings } = resolve('Intro.\n\n{{< note >}}\nStill here.\n');
    expect(text).toBe('Intro.\n\n\nStill here.\n');
    expect(warnings).toEqual([{ kind: 'unclosed-shortcode', file: FILE, line: 12, message: expect.stringContaining('never closed') }]);
  });

  it('an unknown shortcode is a warning; its inner text is kept without the tags', () => {
    const { text, warnings } = resolve('a\n{{% nosuch %}}inside{{% /nosuch %}} b {{< alsonot x=1 >}}');
    expect(text).toBe('a\ninside b ');
    expect(warnings.map((warning) => [warning.kind, warning.line])).toEqual([
      ['unknown-shortcode', 11],
      ['unknown-shortcode', 11],
    ]);
    expect(warnings[0]?.message).toContain("'nosuch'");
  });

  it('garbage arguments, orphan closers and handler errors are warnings, never throws', () => {
    const cases = ['{{< note title="unterminated >}}', '{{< /codetabs >}}', '{{% latest "no-such-image" %}}', '{{< vendor/configfile "nope" >}}', '{{< = >}}', '{{<', '{{% variable %}}'];
    for (const input of cases) {
      const { text, warnings } = resolve(`line one\n${input}\n`);
      expect(warnings.length, input).toBeGreaterThan(0);
      expect(warnings[0]?.line, input).toBe(11);
      expect(warnings[0]?.file).toBe(FILE);
      expect(text, input).not.toMatch(/\{\{[<%]|[>%]\}\}/);
    }
  });

  it('a template that fails reports which template and why', () => {
    const { warnings } = resolve('{{< image-versions image="nodejs" status="supported" environment="moon" >}}');
    expect(warnings[0]).toMatchObject({ kind: 'shortcode-error', line: 10 });
    expect(warnings[0]?.message).toContain('environment="moon"');
  });

  it('is deterministic: the same input gives the same output', () => {
    const text = '{{< codetabs >}}\n+++\ntitle=A\n+++\n{{% latest "php" %}}\n{{< /codetabs >}} {{< current-year >}}';
    expect(resolve(text)).toEqual(resolve(text));
  });
});
