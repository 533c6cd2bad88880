import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestPortal, type TestPortal } from './testPortal';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, as the README's test command expects it (`apt-get install chromium`). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumFlags });
}

/** Serves the portal on a free port on this machine. */
export async function serve(portal: TestPortal): Promise<{ baseUrl: string; server: Server }> {
  const server = portal.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Checks a page against WCAG 2.2 AA with axe-core, and remembers it for the report at the end. */
export class AccessibilityChecks {
  readonly checked: string[] = [];

  async expectNoViolations(page: Page, label: string): Promise<void> {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    this.checked.push(label);
    const problems = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(' ')).join('\n    ')}`,
    );
    expect({ page: label, violations: problems }).toEqual({ page: label, violations: [] });
  }

  report(): string {
    return `axe-core (WCAG 2.2 AA): ${this.checked.length} page states checked, 0 violations:\n  ${this.checked.join('\n  ')}`;
  }
}

export interface BrowserSuite {
  portal: TestPortal;
  baseUrl: string;
  browser: Browser;
  accessibility: AccessibilityChecks;
}

/**
 * Serves a fresh portal to Debian's Chromium for one test file: `prepare` seeds it first. The
 * fields are filled in before the first test runs, so read them inside the tests.
 */
export function browserSuite(prepare: (portal: TestPortal) => Promise<void> = async () => undefined): BrowserSuite {
  const suite = { accessibility: new AccessibilityChecks() } as BrowserSuite;
  let server: Server | undefined;
  beforeAll(async () => {
    suite.portal = createTestPortal();
    await prepare(suite.portal);
    const served = await serve(suite.portal);
    server = served.server;
    suite.baseUrl = served.baseUrl;
    suite.browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    if (suite.accessibility.checked.length > 0) console.log(suite.accessibility.report());
    await suite.browser?.close();
    server?.close();
    suite.portal?.close();
  });
  return suite;
}
