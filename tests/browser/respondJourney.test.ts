import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser';
import { docxFile, pdfFile } from '../support/files';

const suite = browserSuite();

async function fillAboutYou(page: Page, details: { type: string; name: string; email: string; constituency: string }) {
  await page.getByLabel(details.type).check();
  await page.getByLabel('Your full name').fill(details.name);
  await page.getByLabel('Your email address').fill(details.email);
  await page.getByLabel('Constituency').selectOption({ label: details.constituency });
}

async function agreeAndSend(page: Page) {
  await page.getByLabel('I have read the privacy notice').check();
  await page.getByRole('group', { name: 'May we quote your response?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Send your response' }).click();
}

test('a member reads the paper and responds to it, after one mistake (JavaScript on)', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(suite.baseUrl);
  await suite.accessibility.expectNoViolations(page, 'home');
  await page.getByRole('link', { name: 'Health and Social Care' }).first().click();
  await suite.accessibility.expectNoViolations(page, 'topic paper');
  await page.getByRole('link', { name: 'Respond to this paper' }).first().click();
  // It lands on the paper's answer, ready to type in, after the browser's own move to the link's target.
  await page.waitForFunction(
    "document.activeElement && document.activeElement.id === 'answer__health-and-social-care'",
    undefined,
    { timeout: 5_000 },
  );
  await suite.accessibility.expectNoViolations(page, 'respond form');

  // Only a group's parts of the form are hidden from an individual, and come back for a group.
  const groupOnly = page.locator('[data-group-only]');
  expect(await groupOnly.evaluateAll((parts) => parts.map((part) => (part as { hidden: boolean }).hidden))).toEqual([
    false,
    false,
  ]);
  await page.getByLabel('On behalf of a Branch').check();
  await page.getByLabel('An individual member').check();
  expect(await groupOnly.evaluateAll((parts) => parts.map((part) => (part as { hidden: boolean }).hidden))).toEqual([
    true,
    true,
  ]);
  expect(await page.getByLabel('Attach reports').isVisible()).toBe(false);
  await suite.accessibility.expectNoViolations(page, 'respond form for an individual');
  await fillAboutYou(page, {
    type: 'An individual member',
    name: 'Gwen Price',
    email: 'gwen@example',
    constituency: 'Ynys Môn',
  });
  await page.getByLabel('Your response to Health and Social Care').fill('Keep the NHS free from privatisation.');
  await agreeAndSend(page);
  expect(await page.locator('.error-summary').textContent()).toContain('Enter an email address in the correct format');
  await suite.accessibility.expectNoViolations(page, 'respond form with errors');
  await page.getByLabel('Your email address').fill('gwen@example.org');
  await page.getByRole('button', { name: 'Send your response' }).click();

  await page.waitForURL('**/respond/confirmation');
  await suite.accessibility.expectNoViolations(page, 'confirmation');
  const reference = await page.locator('.reference').textContent();
  expect(reference).toMatch(/^S2-/);
  expect(await page.locator('main').textContent()).toContain('Keep the NHS free from privatisation.');

  await page.getByRole('button', { name: 'Finish' }).click();
  await page.waitForURL(`${suite.baseUrl}/?finished=1`);
  expect(await page.getByRole('status').textContent()).toContain('Your response has been cleared from this browser.');
  await suite.accessibility.expectNoViolations(page, 'home after finishing');
  await context.close();
}, 60_000);

// axe-core runs as a script in the page, so it checks these same pages in the journey above, with JavaScript on.
test('a branch secretary attaches two reports, makes a mistake, and loses nothing (JavaScript off)', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${suite.baseUrl}/respond`);

  await fillAboutYou(page, {
    type: 'On behalf of a Branch',
    name: 'Rhodri Morgan',
    email: 'rhodri@example.org',
    constituency: 'Cardiff West',
  });
  // Without JavaScript every part is there, the group's marked as only for a group.
  expect(await page.getByRole('group', { name: 'Only if you respond for a group' }).isVisible()).toBe(true);
  expect(await page.getByText('Only if you respond for a group: if it held a workshop or discussion').isVisible()).toBe(
    true,
  );
  await page.getByLabel('Name of the Branch, CLP, Labour Group or organisation').fill('Canton Branch');
  // The mistake: no role given.
  await page.getByText('Respond section by section').click();
  await page.getByLabel('3. Investing in our workforce').fill('Social care workers need the Real Living Wage.');
  await page.getByLabel('Attach reports').setInputFiles([
    { name: 'Canton workshop.pdf', mimeType: 'application/pdf', buffer: pdfFile() },
    {
      name: 'Canton notes.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docxFile(),
    },
  ]);
  await page.getByLabel('Day').fill('2');
  await page.getByLabel('Month').fill('5');
  await page.getByLabel('Year').fill('2020');
  await page.getByLabel('How many people attended?').fill('18');
  await agreeAndSend(page);

  expect(await page.locator('.error-summary').textContent()).toContain(
    'Enter your role in the group, for example Branch Secretary',
  );
  expect(await page.getByLabel('Your full name').inputValue()).toBe('Rhodri Morgan');
  expect(await page.getByLabel('3. Investing in our workforce').inputValue()).toBe(
    'Social care workers need the Real Living Wage.',
  );
  expect(await page.getByLabel('I have read the privacy notice').isChecked()).toBe(true);
  expect(await page.locator('.file-list').textContent()).toMatch(/Canton workshop\.pdf[\s\S]*Canton notes\.docx/);

  await page.getByRole('link', { name: 'Enter your role in the group, for example Branch Secretary' }).click();
  await page.getByLabel('Your role in it').fill('Branch Secretary');
  await page.getByRole('button', { name: 'Send your response' }).click();
  await page.waitForURL('**/respond/confirmation');
  const summary = await page.locator('main').textContent();
  expect(summary).toContain('Canton workshop.pdf');
  expect(summary).toContain('Canton notes.docx');
  expect(summary).toContain('Branch Secretary');
  const reference = (await page.locator('.reference').textContent())!;
  expect(suite.portal.services.submissions.find(reference).attachments).toHaveLength(2);

  // The next person at this computer finds nothing of it.
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.waitForURL(`${suite.baseUrl}/?finished=1`);
  const afterwards = await page.goto(`${suite.baseUrl}/respond/confirmation`);
  expect(afterwards!.status()).toBe(404);
  expect(await page.locator('main').textContent()).not.toContain('Rhodri Morgan');
  await context.close();
}, 60_000);

test('the guides, the error pages and the closed page are accessible too', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.baseUrl}/no-such-page`);
  await suite.accessibility.expectNoViolations(page, 'page not found');
  await page.goto(`${suite.baseUrl}/guides/event-guide`);
  await suite.accessibility.expectNoViolations(page, 'event guide');
  await page.goto(`${suite.baseUrl}/privacy`);
  await suite.accessibility.expectNoViolations(page, 'privacy notice');
  suite.portal.clock.time = new Date('2020-06-16T00:00:00+01:00');
  await page.goto(`${suite.baseUrl}/respond`);
  expect(await page.locator('h1').textContent()).toBe('This consultation has closed');
  await suite.accessibility.expectNoViolations(page, 'closed');
  suite.portal.clock.time = new Date('2020-05-12T10:00:00+01:00');
  await context.close();
}, 60_000);

test('the warning as the deadline nears, and a response sent too late shown back to copy, are accessible', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  try {
    suite.portal.clock.time = new Date('2020-06-15T23:40:00+01:00');
    await page.goto(`${suite.baseUrl}/respond`);
    expect(await page.locator('#deadline-warning').textContent()).toContain(
      'The consultation closes at 11:59pm tonight: 20 minutes left.',
    );
    await suite.accessibility.expectNoViolations(page, 'respond form, closing soon');
    await fillAboutYou(page, {
      type: 'An individual member',
      name: 'Siân Lewis',
      email: 'sian@example.org',
      constituency: 'Arfon',
    });
    await page.getByLabel('Your response to Health and Social Care').fill('Written as the deadline passed.');
    suite.portal.clock.time = new Date('2020-06-16T02:00:00+01:00');
    await agreeAndSend(page);
    expect(await page.locator('h1').textContent()).toBe('This consultation has closed');
    expect(await page.locator('main').textContent()).toContain('Written as the deadline passed.');
    expect(await page.getByRole('button', { name: 'Print this page' }).isVisible()).toBe(true);
    await suite.accessibility.expectNoViolations(page, 'closed, with the response sent too late shown back');
  } finally {
    suite.portal.clock.time = new Date('2020-05-12T10:00:00+01:00');
    await context.close();
  }
}, 60_000);

test('pressing Enter in a field sends the form, and does not switch language', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.baseUrl}/respond`);
  await page.getByLabel('Your full name').fill('Enter Presser');
  await page.getByLabel('Your full name').press('Enter');
  await page.waitForSelector('.error-summary');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.getByLabel('Your full name').inputValue()).toBe('Enter Presser');
  await context.close();
}, 60_000);

test('with JavaScript on: a character count, and a draft that survives closing the tab until the response is sent', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.baseUrl}/respond`);
  const answer = page.getByLabel('Your response to Health and Social Care');
  await answer.fill('Twelve chars');
  expect(await page.locator('#answer__health-and-social-care-count').textContent()).toContain('49,988');
  await page.getByLabel('Your full name').fill('Ffion Hughes');
  await page.waitForTimeout(700);
  await page.close();

  const again = await context.newPage();
  await again.goto(`${suite.baseUrl}/respond`);
  expect(await again.getByLabel('Your full name').inputValue()).toBe('Ffion Hughes');
  expect(await again.locator('.draft-notice').textContent()).toContain('We have put back what you typed earlier');
  await suite.accessibility.expectNoViolations(again, 'respond form with a restored draft');
  await fillAboutYou(again, {
    type: 'An individual member',
    name: 'Ffion Hughes',
    email: 'ffion@example.org',
    constituency: 'Delyn',
  });
  await agreeAndSend(again);
  await again.waitForURL('**/respond/confirmation');
  await again.goto(`${suite.baseUrl}/respond`);
  expect(await again.getByLabel('Your full name').inputValue()).toBe('');
  await context.close();
}, 60_000);
