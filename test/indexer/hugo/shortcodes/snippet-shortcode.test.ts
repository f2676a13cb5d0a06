import { beforeAll, describe, expect, it } from 'vitest';
import { resolveShortcodes } from '../../../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import { createPageContext, loadCorpus, resolvePageBody, type Corpus } from './load-corpus.js';

let upsun: Corpus;
let platformsh: Corpus;

beforeAll(() => {
  upsun = loadCorpus('upsun');
  platformsh = loadCorpus('platformsh');
});

describe('snippet', () => {
  it('wraps an app snippet in applications/<name>/source.root and indents the inner YAML', () => {
    const { text } = resolvePageBody(upsun, 'create-apps/image-properties/crons.md');
    expect(text).toContain(
      "```yaml {configFile=\"app\"}\napplications:\n  # The name of the app container. Must be unique within a project.\n  myapp:\n    # The location of the application's code.\n    source:\n      root: \"/\"\n    type: 'ruby:4.0'\n    crons:\n",
    );
  });

  it('renders the self-closing route snippet and the service snippet of the Elasticsearch page', () => {
    const { text, warnings } = resolvePageBody(upsun, 'add-services/elasticsearch.md');
    expect(warnings).toEqual([]);
    expect(text).toContain('```yaml {configFile="routes"}\nroutes:\n  "https://es.{default}/":\n    type: upstream\n    upstream: "elasticsearch:elasticsearch"\nservices:\n  # The name of the service container. Must be unique within a project.\n  elasticsearch:\n    type: elasticsearch:8.19\n');
  });

  it('leaves out the top-level key wrapper for config version 1', () => {
    const ctx = createPageContext(platformsh, 'add-services/redis.md');
    const text = resolveShortcodes('{{< snippet name="cache" config="service" >}}\ntype: redis:7.2\n{{< /snippet >}}', ctx).text;
    expect(text).toBe('# The name of the service container. Must be unique within a project.\ncache:\ntype: redis:7.2');
  });

  it('adds a www redirect to route snippets unless redirect="false"', () => {
    const ctx = createPageContext(upsun, 'add-services/redis.md');
    expect(resolveShortcodes('{{% snippet name="myapp" config="route" / %}}', ctx).text).toBe(
      'routes:\n  "https://www.{default}/":\n    type: redirect\n    to: "https://{default}/"\n  "https://{default}/":\n    type: upstream\n    upstream: "myapp"',
    );
  });
});
