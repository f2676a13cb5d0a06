// What a pasted file is: .upsun/config.yaml or one of the Upsun Fixed (Platform.sh) files, alone or several
// pasted as one multi-document YAML; and where each finding's line is in what was pasted.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createConfigChecker, type ConfigChecker } from '../../src/config-check/index.js';
import { splitYamlDocuments } from '../../src/config-check/split-yaml-documents.js';
import { DATA_PATHS } from '../../src/paths.js';
import { loadImageRegistry } from '../../src/registry/image-registry.js';

let checker: ConfigChecker;
beforeAll(() => {
  checker = createConfigChecker({
    schema: JSON.parse(readFileSync(DATA_PATHS.configSchema, 'utf8')) as unknown,
    registry: loadImageRegistry(DATA_PATHS.imageRegistry),
  });
});

const kindsOf = (text: string) => checker.check(text).documents.map((d) => d.kind);

describe('file kinds', () => {
  test.each([
    ['a .platform.app.yaml', 'name: app\ntype: php:8.4\nweb:\n  locations:\n    "/":\n      root: web\n', 'platformsh-app'],
    ['part of a .platform.app.yaml (no type)', 'name: app\nrelationships:\n  database: "db:mysql"\n', 'platformsh-app'],
    ['a services.yaml, one image misspelt', 'db:\n  type: mariadb:11.4\n  disk: 1024\ncache:\n  type: redsi:8.0\n', 'platformsh-services'],
    ['a routes.yaml', '"https://{default}/":\n  type: upstream\n  upstream: "app:http"\n"https://www.{default}/":\n  type: redirect\n  to: "https://{default}/"\n', 'platformsh-routes'],
    ['an applications.yaml (map)', 'api:\n  type: php:8.4\nfront:\n  type: nodejs:24\n', 'platformsh-applications'],
    ['an applications.yaml (list)', '- name: api\n  type: php:8.4\n- name: front\n  type: nodejs:24\n', 'platformsh-applications'],
    ['.upsun/config.yaml', 'applications:\n  app:\n    type: nodejs:24\n', 'upsun'],
    ['.upsun/config.yaml with a misspelt top-level key', 'application:\n  app:\n    type: nodejs:24\n', 'upsun'],
  ])('%s', (_name, text, kind) => {
    expect(kindsOf(text)).toEqual([kind]);
  });

  test('a misspelt top-level key in .upsun/config.yaml still gets its did-you-mean', () => {
    const report = checker.check('application:\n  app:\n    type: nodejs:24\n');
    expect(report.findings.find((f) => f.code === 'unknown-top-level-key')?.message).toContain('Did you mean `applications`?');
    expect(report.findings.some((f) => f.code === 'platformsh-file')).toBe(false);
  });
});

describe('lines point into what was pasted', () => {
  test('in the list form of applications.yaml, a finding is on the line of its app', () => {
    const report = checker.check('- name: api\n  type: php:8.4\n- name: front\n  type: nodejs:16\n');
    expect(report.findings.find((f) => f.code === 'retired-version')).toMatchObject({ path: 'applications.front.type', line: 4 });
  });

  test('several files pasted with --- are split, each finding keeps its line, and a route finds the app of another document', () => {
    const text = ['name: app', 'type: php:8.0', 'disk: 512', '---', 'db:', '  type: postgresql:12', '---', '"https://{default}/":', '  type: upstream', '  upstream: "app:http"', ''].join('\n');
    const report = checker.check(text);
    expect(report.documents).toEqual([
      { kind: 'platformsh-app', line: 1 },
      { kind: 'platformsh-services', line: 4 },
      { kind: 'platformsh-routes', line: 7 },
    ]);
    expect(report.findings.find((f) => f.path === 'applications.app.type')).toMatchObject({ code: 'retired-version', line: 2 });
    expect(report.findings.find((f) => f.path === 'services.db.type')).toMatchObject({ code: 'retired-version', line: 6 });
    expect(report.findings.find((f) => f.path === 'applications.app.disk')).toMatchObject({ code: 'platformsh-only-key', severity: 'info', line: 3 });
    expect(report.findings.filter((f) => f.code === 'unknown-route-target' || f.code === 'invalid-yaml')).toEqual([]);
    expect(JSON.stringify(report)).not.toMatch(/parseAllDocuments/);
    expect(report.upsunConfig).toContain('applications:\n  app:\n    type: php:8.0\n');
  });

  test('the Upsun shape of a Fixed app writes `source: local` mounts as `instance`, their Upsun name', () => {
    const report = checker.check('name: app\ntype: php:8.4\nmounts:\n  "web/files":\n    source: local\n    source_path: files\n');
    expect(report.upsunConfig).toContain('web/files:\n        source: instance\n        source_path: files');
    expect(report.findings.find((f) => f.code === 'local-mount')).toMatchObject({ severity: 'warning', line: 5 });
  });

  test('text without a document marker is parsed once, as is; empty documents are skipped', () => {
    expect(splitYamlDocuments('applications: {}\n')).toEqual({ documents: [{ text: 'applications: {}\n', line: 1 }], leftOut: 0 });
    const split = splitYamlDocuments('---\na: 1\n---\n---\nb: 2\n');
    expect(split.documents.map((d) => d.line)).toEqual([1, 4]);
    expect(split.documents[1]?.text.split('\n').length).toBe(6);
  });
});
