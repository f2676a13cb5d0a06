import { beforeAll, describe, expect, it } from 'vitest';
import { resolveShortcodes } from '../../../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import { createPageContext, loadCorpus, resolveOn, resolvePageBody, type Corpus } from './load-corpus.js';

let upsun: Corpus;
let platformsh: Corpus;

beforeAll(() => {
  upsun = loadCorpus('upsun');
  platformsh = loadCorpus('platformsh');
});

describe('shortcodes rendered from their .md/.html templates', () => {
  it('guides/requirements renders vendor params and the Symfony branch of its if/else', () => {
    const plain = resolveOn(upsun, '{{% guides/requirements name="Django" %}}');
    expect(plain).toMatch(/^## Before you begin\n\nYou need:\n\n- \[Git\]/);
    expect(plain).toContain('- A Upsun account.');
    expect(plain).toContain('- The [Upsun CLI](/administration/cli/_index.md).');
    expect(resolveOn(upsun, '{{% guides/requirements name="Symfony" %}}')).toContain('- The [Symfony CLI](https://symfony.com/download).');
    expect(plain).not.toMatch(/\{\{|shortcode start/);
  });

  it('language-specification and sanitize-dbs/requirements substitute their arguments', () => {
    expect(resolveOn(upsun, '{{% language-specification type="nodejs" display_name="Node.js" %}}')).toBe(
      '### Specify the language\n\nTo use Node.js, specify `nodejs` as your [app\'s `type`](/create-apps/app-reference/single-runtime-image.html#types):',
    );
    expect(resolveOn(upsun, '{{% sanitize-dbs/requirements database="MySQL" framework="Drupal" %}}')).toContain('- A project with a [MySQL database](../../add-services/mysql/_index.md).');
  });

  it('source-integration/validate renders RenderString calls and keeps its inner steps', () => {
    const text = resolveOn(upsun, '{{% source-integration/validate source="GitLab" %}}\n1. Paste the URL.\n{{% /source-integration/validate %}}');
    expect(text).toContain('```bash\nupsun integration:validate\n```');
    expect(text).toContain('1. Get the webhook URL by running this command: `upsun integration:get --property hook_url`.');
    expect(text).toContain('1. Paste the URL.');
    expect(text).toContain('opening merge requests');
  });

  it('access-services lists the pages of add-services with their usage anchors', () => {
    const { text } = resolvePageBody(upsun, 'languages/java/_index.md');
    expect(text).toContain('- [ClickHouse](/add-services/clickhouse.md#usage-example)');
    expect(text).toContain('- [Memcached](/add-services/memcached.md#use-in-app)');
  });

  it('get-started/steps lists the child pages of the section by weight', () => {
    const { text } = resolvePageBody(upsun, 'get-started/here/_index.md');
    expect(text).toMatch(/- \[Setup\]\(\/get-started\/here\/setup\.md\)\n- \[Create a project\]\(\/get-started\/here\/create-project\.md\)/);
  });

  it('description prints the page description', () => {
    const ctx = createPageContext(upsun, 'add-services/redis.md');
    expect(resolveShortcodes('{{% description %}}', ctx).text).toBe(ctx.page.frontMatter.description.replace('{{% vendor/name %}}', 'Upsun'));
  });

  it('HTML templates with code tabs become Markdown (guides/initialize on Upsun Fixed)', () => {
    const { text, warnings } = resolvePageBody(platformsh, 'guides/django/deploy/_index.md');
    expect(warnings).toEqual([]);
    expect(text).toContain('```bash\nplatform create --title <PROJECT_TITLE>\n```');
    expect(text).toContain('**Using a third-party provider**');
    expect(text).not.toMatch(/<\/?(?:p|div|li|ol|code)>/);
  });

  it('cli-installation shows the three install commands for the product', () => {
    const text = resolveOn(upsun, '{{< cli-installation >}}');
    expect(text).toContain('curl -fsSL https://raw.githubusercontent.com/platformsh/cli/main/installer.sh | VENDOR=upsun bash');
    expect(text).toContain('brew install upsun/tap/upsun-cli');
    expect(text).toContain('scoop install upsun');
  });
});

describe('widgets', () => {
  it('drops icons and navigation buttons, and turns youtube and community buttons into links', () => {
    expect(resolveOn(upsun, 'Click {{< icon settings >}} **Settings**.{{< guide-buttons next="Next" >}}')).toBe('Click  **Settings**.');
    expect(resolveOn(upsun, '{{< youtube SNqQTYzHl0o >}}')).toBe('[Video](https://www.youtube.com/watch?v=SNqQTYzHl0o)');
    expect(resolveOn(upsun, '{{% community-buttons %}}')).toBe('[Join us in the Community Forum](https://community.upsun.com)');
  });

  it('code-link keeps only the key text inside code blocks', () => {
    const { text } = resolvePageBody(upsun, 'learn/overview/yaml/yaml-structure.md');
    expect(text).toMatch(/^routes:/m);
    expect(text).not.toContain('code-link');
  });
});
