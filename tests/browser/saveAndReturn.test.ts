import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { AccessibilityChecks, launchChromium, serve } from '../support/browser';
import { pdfFile } from '../support/files';
import { TestSmtpServer } from '../support/smtp';
import { createTestPortal, type TestPortal } from '../support/testPortal';

let smtp: TestSmtpServer;
let portal: TestPortal;
let server: Server;
let baseUrl: string;
let browser: Browser;
const accessibility = new AccessibilityChecks();

beforeAll(async () => {
  smtp = new TestSmtpServer();
  await smtp.start();
  portal = createTestPortal({ env: { SMTP_URL: smtp.url, BASE_URL: 'http://consult.example.org' } });
  ({ server, baseUrl } = await serve(portal));
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  console.log(accessibility.report());
  await browser?.close();
  server?.close();
  portal?.services.transport.close();
  portal?.close();
  await smtp?.stop();
});

/** The emailed link's path, on the portal this test serves. */
async function emailedLink(): Promise<string> {
  await portal.services.delivery.deliverDue();
  const mail = smtp.received.at(-1)!;
  const link = /http:\/\/consult\.example\.org(\/respond\/draft\/[A-Za-z0-9_-]{43})/.exec(mail.text ?? '');
  if (!link) throw new Error('The email carries no link to the draft');
  return `${baseUrl}${link[1]!}`;
}

test('a branch secretary saves half a response with a report (JavaScript off), comes back by the emailed link, and sends it', async () => {
  const offline = await browser.newContext({ javaScriptEnabled: false });
  const first = await offline.newPage();
  await first.goto(`${baseUrl}/respond`);
  await first.getByLabel('On behalf of a Branch').check();
  await first.getByLabel('Your full name').fill('Rhodri Morgan');
  await first.getByLabel('Your email address').fill('rhodri@example.org');
  await first.getByLabel('Constituency').selectOption({ label: 'Cardiff West' });
  await first.getByLabel('Your response to Health and Social Care').fill('Our branch wants dentists in every town.');
  await first.getByLabel('Attach reports').setInputFiles({
    name: 'Canton workshop.pdf',
    mimeType: 'application/pdf',
    buffer: pdfFile(),
  });
  await first.getByRole('button', { name: 'Save and come back later' }).click();
  await first.waitForURL('**/respond/draft/saved');
  expect(await first.locator('main').textContent()).toContain(
    'We have emailed a link to your draft to rhodri@example.org',
  );
  await offline.close();

  const link = await emailedLink();
  const later = await browser.newContext();
  const page = await later.newPage();
  await page.goto(`${baseUrl}/respond/draft/${'x'.repeat(43)}`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link does not open a draft');
  await accessibility.expectNoViolations(page, 'a link that opens no draft');

  await page.goto(link);
  expect(await page.getByLabel('Your full name').inputValue()).toBe('Rhodri Morgan');
  expect(await page.getByLabel('Your response to Health and Social Care').inputValue()).toBe(
    'Our branch wants dentists in every town.',
  );
  expect(await page.getByText('Canton workshop.pdf').count()).toBe(1);
  await accessibility.expectNoViolations(page, 'the form opened from a draft');

  // The branch's chair opens the same link before the secretary saves again.
  const chairContext = await browser.newContext();
  const chair = await chairContext.newPage();
  await chair.goto(link);

  // Saved again with JavaScript on: the same link, the next version.
  await page.getByLabel('Name of the Branch, CLP, Labour Group or organisation').fill('Canton Branch');
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await page.waitForURL('**/respond/draft/saved');
  await accessibility.expectNoViolations(page, 'draft saved');

  // The chair's save, from the older version, is refused and shows what the secretary saved.
  await chair.getByLabel('Your role in it').fill('Chair');
  await chair.getByRole('button', { name: 'Save and come back later' }).click();
  await chair.waitForSelector('#draft-conflict');
  expect(await chair.locator('#draft-conflict').textContent()).toContain('Canton Branch');
  expect(await chair.getByLabel('Your role in it').inputValue()).toBe('Chair');
  await accessibility.expectNoViolations(chair, 'a save refused because someone else saved first');
  await chairContext.close();

  await page.goto(link);
  expect(await page.getByLabel('Name of the Branch, CLP, Labour Group or organisation').inputValue()).toBe(
    'Canton Branch',
  );
  await page.getByLabel('Your role in it').fill('Branch Secretary');
  await page.getByLabel('I have read the privacy notice').check();
  await page.getByRole('group', { name: 'May we quote your response?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Send your response' }).click();
  await page.waitForURL('**/respond/confirmation');
  await accessibility.expectNoViolations(page, 'confirmation after a draft');
  expect(await page.locator('main').textContent()).toContain('Canton workshop.pdf');

  // The draft went with the response: its link now opens nothing.
  await page.goto(link);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link does not open a draft');
  await later.close();
}, 90_000);
