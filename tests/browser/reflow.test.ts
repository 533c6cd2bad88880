import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser';
import { addOfficer, officerEmail, officerPassword } from '../support/officer';
import { cantonBranchFields, openForm, postResponse } from '../support/respond';
import { pdfFile } from '../support/files';

const suite = browserSuite(async (portal) => {
  await addOfficer(portal);
  const form = await openForm(portal.app);
  await postResponse(form.agent, form.csrf, cantonBranchFields(), [{ name: 'A report with a rather long file name, as people give them.pdf', content: pdfFile() }]).expect(303);
});

/** Content wider than the window, other than inside a region meant to scroll (a wide table). */
async function sidewaysScroll(page: Page): Promise<number> {
  // Runs in the page; written as a string because these tests are type-checked without the DOM.
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

test.each(['en', 'cy'])('at 320 CSS pixels wide (400%% zoom), no page scrolls sideways (%s)', async (language) => {
  const context = await suite.browser.newContext({ viewport: { width: 320, height: 640 }, locale: language === 'cy' ? 'cy-GB' : 'en-GB' });
  const page = await context.newPage();
  const reference = suite.portal.db.prepare('SELECT reference FROM submissions LIMIT 1').pluck().get() as string;
  const publicPages = ['/', '/papers/health-and-social-care', '/guides/event-guide', '/respond', '/privacy', '/no-such-page'];
  const overflowing: string[] = [];
  for (const path of publicPages) {
    await page.goto(suite.baseUrl + path);
    if ((await sidewaysScroll(page)) > 0) overflowing.push(path);
  }
  await page.goto(`${suite.baseUrl}/admin/sign-in`);
  await page.locator('#email').fill(officerEmail);
  await page.locator('#password').fill(officerPassword);
  await page.locator('form[action="/admin/sign-in"] button[type=submit]').click();
  await page.waitForURL(`${suite.baseUrl}/admin`);
  for (const path of ['/admin', '/admin/submissions', `/admin/submissions/${reference}`, '/admin/entries/new', '/admin/digests', '/admin/audit']) {
    await page.goto(suite.baseUrl + path);
    if ((await sidewaysScroll(page)) > 0) overflowing.push(path);
  }
  expect(overflowing).toEqual([]);
  await context.close();
}, 90_000);
