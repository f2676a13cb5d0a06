import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, resolveOn, resolvePageBody, type Corpus } from './load-corpus.js';

let upsun: Corpus;
let platformsh: Corpus;

beforeAll(() => {
  upsun = loadCorpus('upsun');
  platformsh = loadCorpus('platformsh');
});

describe('note', () => {
  it('becomes a blockquote with a bold title, the default title being Note', () => {
    expect(resolveOn(upsun, '{{< note >}}\nFirst line.\n\nSecond {{% vendor/name %}} line.\n{{< /note >}}')).toBe('> **Note**\n>\n> First line.\n>\n> Second Upsun line.');
    expect(resolveOn(upsun, '{{% note theme="warning" title="Warning" %}}\nCareful.\n{{< /note >}}')).toBe('> **Warning**\n>\n> Careful.');
    expect(resolveOn(upsun, '{{< note title="none" >}}Untitled.{{< /note >}}')).toBe('> Untitled.');
  });

  it('resolves a shortcode nested in its title', () => {
    expect(resolveOn(upsun, '{{< note title="Migrating to version {{% latest \\"network-storage\\" %}}" >}}x{{< /note >}}')).toBe('> **Migrating to version 1.0**\n>\n> x');
  });

  it('drops notes for the other config version: version="1" on Upsun, version="2" on Upsun Fixed', () => {
    const text = '{{< note version="1" >}}\nOnly Fixed.\n{{< /note >}}\n{{< note version="2" >}}\nOnly Upsun.\n{{< /note >}}';
    expect(resolveOn(upsun, text)).toBe('\n> **Note**\n>\n> Only Upsun.');
    expect(resolveOn(platformsh, text)).toBe('> **Note**\n>\n> Only Fixed.\n');
  });

  it('removes the version="1" note from a real page', () => {
    const { text } = resolvePageBody(upsun, 'languages/java/migration.md');
    expect(text).not.toContain('At runtime that limit depends on your plan and configuration.');
    expect(text).toContain('At runtime that limit depends on [the resources you have defined for your application container](/manage-resources.md) using `upsun resources:set`.');
  });

  it('stays inside the list item it is indented in', () => {
    const { text } = resolvePageBody(upsun, 'add-services/network-storage.md');
    expect(text).toContain('   > **Note**\n   >\n   > Make sure you [allocate enough disk space]');
  });
});

describe('codetabs', () => {
  it('emits every tab in order with its title on its own line', () => {
    const { text } = resolvePageBody(upsun, 'create-apps/image-properties/hooks.md');
    const single = text.indexOf('**Single-runtime image**');
    const composable = text.indexOf('**Composable image**');
    expect(single).toBeGreaterThanOrEqual(0);
    expect(composable).toBeGreaterThan(single);
    expect(text.slice(single, composable)).toContain('1. Variables accessible at build time become available.');
  });

  it('fences a tab body when the tab sets highlight=, and names a missing file= example instead of leaving it empty', () => {
    const inner = '\n+++\ntitle=Bash\nhighlight=bash\n+++\necho hi\n<--->\n+++\ntitle=Go\nfile=static/files/fetch/examples/golang/nosuch\nhighlight=go\n+++\n';
    const text = resolveOn(upsun, `{{< codetabs >}}${inner}{{< /codetabs >}}`);
    expect(text).toContain('**Bash**\n\n```bash\necho hi\n```');
    expect(text).toMatch(/\*\*Go\*\*\n\n_Example `static\/files\/fetch\/examples\/golang\/nosuch` is fetched when the docs site is built/);
  });

  it('includes file= examples that are in the snapshot', () => {
    const { text } = resolvePageBody(upsun, 'add-services/kafka.md');
    expect(text).toMatch(/\*\*Java\*\*\n\n```java\npackage sh\.platform\.languages\.sample;/);
  });

  it('hides v2hide blocks on Upsun but not on Upsun Fixed', () => {
    const text = '{{< codetabs v2hide="true" >}}\n+++\ntitle=Old\n+++\nv1 only\n{{< /codetabs >}}';
    expect(resolveOn(upsun, text)).toBe('');
    expect(resolveOn(platformsh, text)).toBe('**Old**\n\nv1 only');
  });
});

describe('version conditionals', () => {
  it('version/specific keeps the part after <---> on Upsun and the part before on Upsun Fixed', () => {
    const text = '{{% version/specific %}}\nplatform variable:get\n<--->\nupsun variable:get\n{{% /version/specific %}}';
    expect(resolveOn(upsun, text)).toBe('upsun variable:get');
    expect(resolveOn(platformsh, text)).toBe('platform variable:get');
  });

  it('version/specific on a real page shows only the Upsun text', () => {
    const { text } = resolvePageBody(upsun, 'development/submodules.md');
    expect(text).toContain('Say you have a multi-app project that includes the following submodules:');
    expect(text).not.toContain('Bigfoot multi-app project');
  });

  it('version/only "1" disappears on Upsun; repolist renders nothing on Upsun and the template list on Upsun Fixed', () => {
    expect(resolveOn(upsun, 'a{{% version/only "1" %}}hidden{{% /version/only %}}b')).toBe('ab');
    expect(resolveOn(upsun, '{{< repolist lang="php" displayName="PHP" >}}')).toBe('');
    expect(resolveOn(platformsh, '{{< repolist lang="golang" displayName="Go" >}}')).toMatch(/^The following list shows templates available for Go apps\.\n\n- \[Beego\]\(https:\/\/github\.com\/platformsh-templates\/beego\)/);
  });
});

describe('composable/disclaimer and partial banners', () => {
  it('render as info blockquotes', () => {
    expect(resolveOn(upsun, '{{% composable/disclaimer %}}')).toMatch(/^> \*\*Note\*\*\n>\n> You can now use composable image/);
    const { text } = resolvePageBody(upsun, 'languages/nodejs/_index.md');
    expect(text).toContain('> **Availability**\n>\n> [Bun is available as a runtime and package manager]');
  });

  it('resolve shortcodes inside the partial text', () => {
    const { text } = resolvePageBody(upsun, 'increase-observability/application-metrics/cont-prof.md');
    expect(text).toContain('> **Feature Availability**\n>\n> By default, Upsun offers 15 minutes of continuous profiling');
  });
});
