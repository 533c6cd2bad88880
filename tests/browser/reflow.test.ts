import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser';
import { addOfficer, officerEmail, officerPassword } from '../support/officer';
import { cantonBranchFields, openForm, postResponse } from '../support/respond';
import { pdfFile } from '../support/files';

const suite = browserSuite(async (portal) => {
  await addOfficer(portal);
  const form = await openForm(portal.app);
  await postResponse(form.agent, form.csrf, cantonBranchFields(), [
    { name: 'A report with a rather long file name, as people give them.pdf', content: pdfFile() },
  ]).expect(303);
});

/** Content wider than the window, other than inside a region meant to scroll (a wide table). */
async function sidewaysScroll(page: Page): Promise<number> {
  // Runs in the page; written as a string because these tests are type-checked without the DOM.
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

test.each(['en', 'cy'])(
  'at 320 CSS pixels wide (400%% zoom), no page scrolls sideways (%s)',
  async (language) => {
    const context = await suite.browser.newContext({
      viewport: { width: 320, height: 640 },
      locale: language === 'cy' ? 'cy-GB' : 'en-GB',
    });
    const page = await context.newPage();
    const reference = suite.portal.db.prepare('SELECT reference FROM submissions LIMIT 1').pluck().get() as string;
    const publicPages = [
      '/',
      '/papers/health-and-social-care',
      '/guides/event-guide',
      '/respond',
      '/privacy',
      '/no-such-page',
    ];
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
    for (const path of [
      '/admin',
      '/admin/submissions',
      `/admin/submissions/${reference}`,
      '/admin/entries/new',
      '/admin/digests',
      '/admin/audit',
    ]) {
      await page.goto(suite.baseUrl + path);
      if ((await sidewaysScroll(page)) > 0) overflowing.push(path);
    }
    expect(overflowing).toEqual([]);
    await context.close();
  },
  90_000,
);

test.each(['en', 'cy'])(
  'on a phone, the header is compact and the page heading is in the top half of the first screen (%s)',
  async (language) => {
    const context = await suite.browser.newContext({
      viewport: { width: 375, height: 740 },
      locale: language === 'cy' ? 'cy-GB' : 'en-GB',
    });
    const page = await context.newPage();
    const headingTops: Record<string, number> = {};
    const headerHeights: Record<string, number> = {};
    for (const path of ['/', '/papers/health-and-social-care', '/guides/event-guide', '/respond']) {
      await page.goto(`${suite.baseUrl}${path}?lang=${language}`);
      headingTops[path] = await page.evaluate<number>("document.querySelector('h1').getBoundingClientRect().top");
      headerHeights[path] = await page.evaluate<number>(
        "document.querySelector('.site-header').getBoundingClientRect().height",
      );
    }
    expect(Object.entries(headingTops).filter(([, top]) => top > 370)).toEqual([]);
    // A quarter of the screen at most, leaving room for a preview or language notice above the heading.
    expect(Object.entries(headerHeights).filter(([, height]) => height > 740 / 4)).toEqual([]);
    await context.close();
  },
  60_000,
);
