// The landing page in a real headless browser: Debian's chromium driven by playwright-core (no browser download).
// CI installs chromium in .ci/run; without /usr/bin/chromium the test is skipped and says why, and fails under CI=true.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { needsTool } from '../needs-tool.js';
import { startTestHttpServer, type TestHttpServer } from './start-http-server.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = needsTool({ name: `chromium (${CHROMIUM}) for the landing-page browser test`, present: existsSync(CHROMIUM), install: 'apt-get install -y chromium' });

describe.skipIf(!hasChromium)('landing page in headless chromium', () => {
  let server: TestHttpServer;
  let browser: BrowserContext;
  let profile: string;
  beforeAll(async () => {
    server = await startTestHttpServer();
    profile = mkdtempSync(join(tmpdir(), 'upsun-docs-chromium-'));
    // A new, empty profile directory for each run: nothing from an earlier run (cache, storage) can leak in.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('a query typed in the search box shows results that link to docs.upsun.com, with no console errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    // localhost, as a visitor types it: the snippets must show that host.
    await page.goto(`http://localhost:${server.port}/`);
    await expect(page.locator('#claude-code code').textContent()).resolves.toContain(`http://localhost:${server.port}/mcp`);

    await page.fill('#q', 'add a persistent mount');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#results li a');
    const links = await page.$$eval('#results li a', (anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(link).toMatch(/^https:\/\/docs\.upsun\.com\//);
    await expect(page.locator('#status').textContent()).resolves.toMatch(/\d+ results/);

    await page.setViewportSize({ width: 1100, height: 1400 });
    await page.screenshot({ path: join(tmpdir(), 'upsun-docs-landing-page.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
