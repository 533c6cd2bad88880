import fs from 'node:fs';
import { browserSuite } from '../support/browser';
import { pdfFile } from '../support/files';
import { cantonBranchFields, openForm, postResponse } from '../support/respond';
import { addOfficer, officerEmail, officerPassword } from '../support/officer';

const suite = browserSuite(async (portal) => {
  await addOfficer(portal);
  const form = await openForm(portal.app);
  await postResponse(
    form.agent,
    form.csrf,
    cantonBranchFields({ 'answer__health-and-social-care': 'Our branch wants NHS dentistry restored in every town.' }),
    [{ name: 'Canton workshop.pdf', content: pdfFile() }],
  ).expect(303);
});

test('the officer signs in, finds a response by search, downloads its report, marks it used and exports CSV', async () => {
  const context = await suite.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${suite.baseUrl}/admin`);
  await page.waitForURL('**/admin/sign-in**');
  await suite.accessibility.expectNoViolations(page, 'officer sign-in');
  await page.getByLabel('Email address').fill(officerEmail);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await suite.accessibility.expectNoViolations(page, 'officer sign-in failed');
  await page.getByLabel('Password').fill(officerPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${suite.baseUrl}/admin`);
  await suite.accessibility.expectNoViolations(page, 'dashboard');

  await page.getByRole('link', { name: 'Submissions', exact: true }).click();
  await page.getByLabel('Search the responses').fill('dentistry');
  await page.getByRole('button', { name: 'Show submissions' }).click();
  expect(page.url()).toContain('q=dentistry');
  expect(await page.locator('mark').first().textContent()).toBe('dentistry');
  await suite.accessibility.expectNoViolations(page, 'submissions found by search');

  await page.locator('table a[href^="/admin/submissions/S2-"]').first().click();
  await suite.accessibility.expectNoViolations(page, 'submission');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Canton workshop.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Canton workshop.pdf');
  expect(
    fs
      .readFileSync(await download.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  // Opened, so read; now used.
  expect(await page.getByRole('group', { name: 'Status' }).getByLabel('Read').isChecked()).toBe(true);
  await page.getByRole('group', { name: 'Status' }).getByLabel('Used in drafting').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  expect(await page.getByRole('group', { name: 'Status' }).getByLabel('Used in drafting').isChecked()).toBe(true);
  expect(page.url()).toContain('q=dentistry');

  await page.getByRole('link', { name: 'Back to the list' }).click();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download these as CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^stage-2-responses-search-dentistry-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvText = fs.readFileSync(await csv.path(), 'utf8');
  expect(csvText).toContain('Canton Branch');
  expect(csvText).toContain('Used in drafting');

  await page.getByRole('link', { name: 'Record a response' }).click();
  await suite.accessibility.expectNoViolations(page, 'record a response');
  await page.getByRole('button', { name: 'Record the response' }).click();
  await suite.accessibility.expectNoViolations(page, 'record a response with errors');
  await page.getByRole('link', { name: 'Digests' }).click();
  await suite.accessibility.expectNoViolations(page, 'digests');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await suite.accessibility.expectNoViolations(page, 'audit log');
  expect(await page.locator('main').textContent()).toContain('Exported');
  await context.close();
}, 90_000);
