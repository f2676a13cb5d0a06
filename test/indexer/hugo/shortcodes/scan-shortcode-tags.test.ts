import { describe, expect, it } from 'vitest';
import { scanShortcodeTags, type ScannedItem } from '../../../../indexer/hugo/shortcodes/scan-shortcode-tags.js';

function readTags(text: string): ScannedItem[] {
  return scanShortcodeTags(text);
}

describe('scanShortcodeTags', () => {
  it('reads both delimiters, and a tag opened with % may close with <', () => {
    const items = readTags('{{% note %}}x{{< /note >}}');
    expect(items.map((item) => (item.kind === 'tag' ? [item.name, item.closing] : item.kind))).toEqual([
      ['note', false],
      ['note', true],
    ]);
  });

  it('reads quoted, unquoted, named and positional arguments', () => {
    const [tag] = readTags('{{< snippet name="my app" config=app root=`/web` >}}{{% latest php %}}');
    expect(tag).toMatchObject({ kind: 'tag', name: 'snippet', args: [
      { name: 'name', value: 'my app', quoted: true },
      { name: 'config', value: 'app', quoted: false },
      { name: 'root', value: '/web', quoted: true },
    ] });
    expect(readTags('{{% latest php %}}')[0]).toMatchObject({ args: [{ value: 'php', quoted: false }] });
  });

  it('keeps a nested tag with backslash-escaped quotes inside a quoted argument', () => {
    const [tag] = readTags('{{< note theme="warning" title="Migrating to version {{% latest \\"network-storage\\" %}}" >}}');
    expect(tag).toMatchObject({ kind: 'tag', name: 'note', args: [{ name: 'theme', value: 'warning' }, { name: 'title', value: 'Migrating to version {{% latest "network-storage" %}}' }] });
  });

  it('reads escaped quotes used as quotes outside any quoted value, and a space after =', () => {
    expect(readTags('{{% latest \\"network-storage\\" %}}')[0]).toMatchObject({ args: [{ value: 'network-storage', quoted: true }] });
    expect(readTags('{{% note theme= "warning" %}}')[0]).toMatchObject({ args: [{ name: 'theme', value: 'warning' }] });
  });

  it('recognises the self-closing form of a paired shortcode', () => {
    const [tag] = readTags('{{% snippet name="elasticsearch:elasticsearch" config="route" subDom="es" redirect="false" / %}}');
    expect(tag).toMatchObject({ kind: 'tag', name: 'snippet', selfClosing: true, closing: false });
  });

  it('reports a tag it cannot read instead of throwing, and skips to its closer', () => {
    const text = 'a {{< note title="oops >}} b';
    const [item] = readTags(text);
    expect(item?.kind).toBe('malformed');
    expect(text.slice(item?.end)).toBe(' b');
  });

  it('leaves ordinary Go template braces alone', () => {
    expect(readTags('{{ .Values.name }} and {{- end }}')).toEqual([]);
  });
});
