import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DATA_PATHS } from '../../src/paths.js';
import { createErrorCatalogue, errorCatalogueFile } from '../../src/search/error-catalogue.js';
import { reduceLog } from '../../src/search/reduce-log.js';
import { openTestEngine } from './open-test-engine.js';

const { engine, index } = openTestEngine();
afterAll(() => index.close());

const shipped = errorCatalogueFile.parse(parse(readFileSync(join(DATA_PATHS.searchData, 'errors.yaml'), 'utf8')));
const firstPage = (query: string) => engine.search({ query, limit: 5 }).results[0]?.path;

describe('a pasted error line finds the page that fixes it', () => {
  // Each line as the runtime or framework prints it (see errors.yaml for the source of each message),
  // with the user's own paths and names around the message: words the docs never contain.
  const cases: Array<[string, string]> = [
    ['Read-only file system', 'create-apps/image-properties/mounts.md'],
    ['No space left on device', 'create-apps/troubleshoot-disks.md'],
    ['Allowed memory size of 134217728 bytes exhausted', 'languages/php/_index.md'],
    ["Warning: fopen(/app/web/sites/default/files/report.csv): failed to open stream: Read-only file system in /app/web/modules/export.php on line 42", 'create-apps/image-properties/mounts.md'],
    ["Error: EROFS: read-only file system, open '/app/public/uploads/avatar.png'", 'create-apps/image-properties/mounts.md'],
    ["OSError: [Errno 30] Read-only file system: '/app/media/cache'", 'create-apps/image-properties/mounts.md'],
    ['The stream or file "/app/storage/logs/laravel.log" could not be opened in append mode: failed to open stream: Permission denied', 'create-apps/image-properties/mounts.md'],
    ['Unable to write in the "/app/var/cache/prod" directory', 'create-apps/image-properties/mounts.md'],
    ['SQLSTATE[HY000] [2002] Connection refused', 'create-apps/image-properties/relationships.md'],
    ['Error: connect ECONNREFUSED 127.0.0.1:6379', 'create-apps/image-properties/relationships.md'],
    ['git@git.eu-3.example.com: Permission denied (publickey).', 'development/ssh/troubleshoot-ssh.md'],
    ['WARNING: [pool web] server reached pm.max_children setting (4), consider raising it', 'languages/php/troubleshoot.md'],
    ['upstream timed out (110: Connection timed out) while reading response header from upstream', 'development/502-errors.md'],
    ['Could not authenticate against github.com', 'languages/php/composer-auth.md'],
    ['npm ERR! code ENOSPC', 'create-apps/troubleshoot-disks.md'],
    ["Root composer.json requires PHP extension ext-redis * but it is missing from your system. Install or enable PHP's redis extension.", 'languages/php/extensions.md'],
    ["PHP Warning:  PHP Startup: Unable to load dynamic library 'imagick.so'", 'languages/php/extensions.md'],
    ['Composer detected issues in your platform: Your Composer dependencies require a PHP version ">= 8.2.0". You are running 8.1.27.', 'languages/php/_index.md'],
    ['error next@14.0.0: The engine "node" is incompatible with this module. Expected version ">=18.17.0". Got "16.20.0"', 'languages/nodejs/_index.md'],
    ["ERROR: Package 'acme-tools' requires a different Python: 3.8.10 not in '>=3.9'", 'languages/python/_index.md'],
    ['PHP Warning:  POST Content-Length of 73400320 bytes exceeds the limit of 8388608 bytes in Unknown on line 0', 'security/waf.md'],
    ["Invalid HTTP_HOST header: 'shop.example.org'. You may need to add 'shop.example.org' to ALLOWED_HOSTS.", 'get-started/stacks/django.md'],
    ['The provided host name is not valid for this server.', 'get-started/stacks/drupal.md'],
    ['Error establishing a database connection', 'create-apps/image-properties/relationships.md'],
    ['Error: listen EACCES: permission denied 0.0.0.0:80', 'create-apps/image-properties/web.md'],
    ['sh: 1: wp: not found', 'development/troubleshoot.md'],
    ['Please provide a valid cache path.', 'create-apps/image-properties/mounts.md'],
    ['Errno::EACCES: Permission denied @ rb_sysopen - /app/tmp/cache/bootsnap-compile-cache', 'create-apps/image-properties/mounts.md'],
    ['Problem 1 - Root composer.json requires php ^8.3 but your php version (8.2.15) does not satisfy that requirement.', 'languages/php/_index.md'],
    ['Exception in thread "main" java.lang.OutOfMemoryError: Java heap space', 'languages/java/tuning.md'],
    ['error Command failed with exit code 1.', 'create-apps/image-properties/hooks.md'],
    ['In AbstractMySQLDriver.php line 112: An exception occurred while executing a query: SQLSTATE[HY000]: General error: 2006 MySQL server has gone away', 'add-services/mysql/troubleshoot.md'],
    ['[o.e.c.r.a.DiskThresholdMonitor] [node-1] flood stage disk watermark [95%] exceeded on [x1][node-1][/mnt/data] free: 1.2gb[4.8%], all indices on this node will be marked read-only', 'create-apps/troubleshoot-disks.md'],
    ["TransportError(403, 'cluster_block_exception', 'blocked by: [FORBIDDEN/12/index read-only / allow delete (api)];')", 'create-apps/troubleshoot-disks.md'],
    ["MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.", 'create-apps/troubleshoot-disks.md'],
    ["E: Error parsing configuration files: - : Configuration directory '.upsun' not found.", 'get-started/here/configure/_index.md'],
    ['E: Error parsing configuration files: No .platform.app.yaml file found anywhere in the repo', 'learn/tutorials/migrating/from-fixed.md'],
    ['Installation failed: /app/vendor/acme does not exist and could not be created.', 'create-apps/image-properties/mounts.md'],
    ['To perform the requested action, WordPress needs to access your web server. Please enter your FTP credentials to proceed.', 'create-apps/image-properties/mounts.md'],
    ["SQLSTATE[HY000] [1045] Access denied for user 'root'@'10.0.1.23' (using password: YES)", 'create-apps/image-properties/relationships.md'],
    ['psycopg2.OperationalError: FATAL:  password authentication failed for user "shopadmin"', 'add-services/_index.md'],
    ["ERROR 2005 (HY000): Unknown MySQL server host 'shopdb' (-2)", 'create-apps/image-properties/relationships.md'],
    ['socket.gaierror: [Errno -3] Temporary failure in name resolution', 'create-apps/image-properties/relationships.md'],
    [' ! [remote rejected] feature/checkout-v2 -> feature/checkout-v2 (shallow update not allowed)', 'development/troubleshoot.md'],
    ['SQLSTATE[42501]: Insufficient privilege: 7 ERROR:  permission denied to create database in /app/src/Migrations/Version20240101.php', 'development/troubleshoot.md'],
  ];
  for (const [line, page] of cases) {
    it(`"${line.slice(0, 70)}" → ${page}`, () => {
      expect(firstPage(line)).toBe(page);
    });
  }

  it('finds the error line in a long pasted log and answers for it, not for the packages and paths around it', () => {
    const log = [
      'deploy keeps failing after I added the image export, log below',
      '  - Installing symfony/polyfill-mbstring (v1.29.0): Extracting archive',
      '  - Installing doctrine/orm (2.19.0): Extracting archive',
      'Generating optimized autoload files',
      'PHP Warning:  file_put_contents(/app/var/exports/2024-05-01.csv): failed to open stream: Read-only file system in /app/src/Exporter.php on line 88',
      '#0 /app/src/Exporter.php(88): file_put_contents()',
      '#1 /app/src/Command/ExportCommand.php(41): App\\Exporter->write()',
      '  - Installing twig/twig (v3.8.0): Extracting archive',
    ].join('\n');
    expect(firstPage(log)).toBe('create-apps/image-properties/mounts.md');
  });
});

describe('the error catalogue', () => {
  it('points every entry at sections the index has', () => {
    // A bare path names the page (its first section); path#anchor a section.
    const sections = index.db.prepare("SELECT p.path || '#' || s.anchor FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.product = 'upsun' UNION SELECT path FROM pages WHERE product = 'upsun'").pluck().all() as string[];
    const known = new Set(sections);
    const targets = shipped.flatMap((entry) => entry.pages);
    expect(targets.filter((target) => !known.has(target))).toEqual([]);
  });

  it('matches a message whatever the case, punctuation and the words a `*` stands for', () => {
    const catalogue = createErrorCatalogue(shipped);
    expect(catalogue.match('PHP Fatal error: Allowed memory size of 536870912 bytes exhausted (tried to allocate 4096 bytes)').map((entry) => entry.words[0])).toEqual(['memory_limit']);
    expect(catalogue.match('everything is fine')).toEqual([]);
    // Whole words only: "terror" does not hold "error", "erofsx" is not EROFS.
    expect(catalogue.holdsMessage('erofsx happened')).toBe(false);
  });
});

describe('reduceLog', () => {
  const holdsNothing = () => false;
  it('keeps a short query whole', () => {
    const query = 'why is my file system read-only after deploy';
    expect(reduceLog(query, holdsNothing)).toBe(query);
  });

  it('keeps the first line and the error lines of a long log, without stack frames', () => {
    const log = ['my build fails', ...Array.from({ length: 12 }, (_, i) => `  - Installing vendor/package-${i} (1.0.${i}): Extracting archive`), 'Fatal error: Uncaught Exception: boom', '    at Object.<anonymous> (/app/index.js:1:7)'].join('\n');
    expect(reduceLog(log, holdsNothing)).toBe('my build fails\nFatal error: Uncaught Exception: boom');
  });
});
