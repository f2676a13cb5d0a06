import { beforeAll, describe, expect, it } from 'vitest';
import { resolveShortcodes } from '../../../../indexer/hugo/shortcodes/resolve-shortcodes.js';
import { createPageContext, loadCorpus, resolveOn, resolvePageBody, type Corpus } from './load-corpus.js';

let upsun: Corpus;
let platformsh: Corpus;

beforeAll(() => {
  upsun = loadCorpus('upsun');
  platformsh = loadCorpus('platformsh');
});

describe('vendor shortcodes', () => {
  it('render the product names and CLI from params.yaml', () => {
    expect(resolveOn(upsun, '{{% vendor/name %}} / {{< vendor/cli >}} / {{% vendor/company_name %}} / {{% vendor/psh_ref %}}')).toBe('Upsun / upsun / Upsun / Upsun Fixed');
    expect(resolveOn(platformsh, '{{% vendor/name %}} / {{< vendor/cli >}}')).toBe('Upsun Fixed / platform');
  });

  it('read config file names from params, so each product gets its own', () => {
    expect(resolveOn(upsun, '{{< vendor/configfile "app" >}} {{% vendor/configfile "apps" "strip" %}} {{< vendor/configdir >}}')).toBe('.upsun/config.yaml config.yaml .upsun');
    expect(resolveOn(platformsh, '{{< vendor/configfile "app" >}} {{< vendor/configfile "routes" >}}')).toBe('.platform.app.yaml .platform/routes.yaml');
  });

  it('render prefixes, URLs and placeholders', () => {
    expect(resolveOn(upsun, '{{< vendor/prefix >}}_APP_DIR {{% vendor/prefix_cli %}}_CLI_TOKEN {{< vendor/urlraw "hostname" >}} {{< vendor/urlraw "docs" >}}')).toBe(
      'PLATFORM_APP_DIR UPSUN_CLI_TOKEN platformsh.site https://docs.upsun.com',
    );
    expect(resolveOn(upsun, 'upsun ssh -e {{< variable "ENVIRONMENT_NAME" "main" >}}')).toBe('upsun ssh -e <ENVIRONMENT_NAME>');
  });

  it('resolve vendor shortcodes inside fenced code blocks, as Hugo does', () => {
    const { text } = resolvePageBody(upsun, 'create-apps/app-reference/single-runtime-image.md');
    expect(text).toContain('.upsun/config.yaml');
    expect(text).toMatch(/```yaml \{configFile="app"\}\napplications:\n {2}<APP_NAME>:\n {4}type: 'php:8\.5'/);
  });

  it('resolve shortcodes in front matter strings', () => {
    const { text } = resolveShortcodes('Get started creating JavaScript apps with Node.js on {{% vendor/name %}}.', createPageContext(upsun, 'languages/nodejs/_index.md'));
    expect(text).toBe('Get started creating JavaScript apps with Node.js on Upsun.');
  });
});
