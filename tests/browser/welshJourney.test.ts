import { createCatalogue } from '../../server/platform/i18n/catalogue';
import { browserSuite } from '../support/browser';
import { docxFile, pdfFile } from '../support/files';
import { addOfficer, officerEmail, officerPassword } from '../support/officer';

// The labels are the catalogue's Welsh, so these journeys follow whatever the translators write.
const t = createCatalogue().translatorFor('cy');

const suite = browserSuite(async (portal) => {
  await addOfficer(portal);
});

test('yn Gymraeg: a branch secretary responds with two reports, makes a mistake, switches language and back, and loses nothing', async () => {
  const context = await suite.browser.newContext({ locale: 'cy-GB' });
  const page = await context.newPage();
  await page.goto(suite.baseUrl);
  expect(await page.getAttribute('html', 'lang')).toBe('cy');
  await suite.accessibility.expectNoViolations(page, 'hafan (home)');
  await page.getByRole('link', { name: 'Iechyd a Gofal Cymdeithasol' }).first().click();
  await suite.accessibility.expectNoViolations(page, 'papur pwnc (paper, Welsh headings and English text)');
  await page.goto(`${suite.baseUrl}/guides/event-guide`);
  await suite.accessibility.expectNoViolations(page, 'canllaw (event guide)');
  await page.goto(`${suite.baseUrl}/respond`);
  await suite.accessibility.expectNoViolations(page, 'ffurflen ymateb (respond form)');

  await page.getByLabel(t('respond.respondentType.options.branch')).check();
  await page.getByLabel(t('respond.name.label')).fill('Rhiannon Davies');
  await page.getByLabel(t('respond.email.label')).fill('rhiannon@example.org');
  await page.getByLabel(t('respond.bodyName.label')).fill('Cangen Treganna');
  await page.getByLabel(t('respond.constituency.label'), { exact: true }).selectOption({ label: 'Gorllewin Caerdydd' });
  await page
    .getByLabel(t('respond.answer.paperLabel', { title: 'Iechyd a Gofal Cymdeithasol' }))
    .fill('Mae angen mwy o ddeintyddion y GIG yng Nghaerdydd.');
  await page.getByLabel(t('respond.reports.label')).setInputFiles([
    { name: 'Adroddiad y gweithdy.pdf', mimeType: 'application/pdf', buffer: pdfFile() },
    {
      name: 'Nodiadau.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docxFile(),
    },
  ]);
  await page.getByLabel(t('respond.consentPrivacy.label')).check();
  await page
    .getByRole('group', { name: t('respond.consentQuote.legend') })
    .getByLabel(t('respond.consentQuote.yes'), { exact: true })
    .check();
  await page.getByRole('button', { name: t('respond.submit') }).click();

  expect(await page.locator('.error-summary').textContent()).toContain(t('respond.errors.roleInBody.missing'));
  await suite.accessibility.expectNoViolations(page, 'ffurflen ymateb gyda gwallau (respond form with errors)');

  await page.getByRole('button', { name: 'English' }).click();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.getByLabel('Your full name').inputValue()).toBe('Rhiannon Davies');
  expect(await page.locator('.file-list').textContent()).toContain('Adroddiad y gweithdy.pdf');
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  expect(await page.getAttribute('html', 'lang')).toBe('cy');

  await page.getByLabel(t('respond.roleInBody.label')).fill('Ysgrifennydd y Gangen');
  await page.getByRole('button', { name: t('respond.submit') }).click();
  await page.waitForURL('**/respond/confirmation');
  await suite.accessibility.expectNoViolations(page, 'cadarnhad (confirmation)');
  const reference = (await page.locator('.reference').textContent())!;
  const stored = suite.portal.services.submissions.find(reference);
  expect(stored.language).toBe('cy');
  expect(stored.attachments.map((file) => file.originalName)).toEqual(['Adroddiad y gweithdy.pdf', 'Nodiadau.docx']);
  await context.close();
}, 90_000);

test('yn Gymraeg: the officer’s workspace, its error states and the closed page', async () => {
  const context = await suite.browser.newContext({ locale: 'cy-GB' });
  const page = await context.newPage();
  await page.goto(`${suite.baseUrl}/admin`);
  await suite.accessibility.expectNoViolations(page, 'mewngofnodi (sign in)');
  await page.getByLabel(t('admin.signIn.email')).fill(officerEmail);
  await page.getByLabel(t('admin.signIn.password')).fill('anghywir iawn');
  await page.getByRole('button', { name: t('admin.signIn.submit') }).click();
  await suite.accessibility.expectNoViolations(page, 'mewngofnodi wedi methu (sign-in failed)');
  await page.getByLabel(t('admin.signIn.password')).fill(officerPassword);
  await page.getByRole('button', { name: t('admin.signIn.submit') }).click();
  await page.waitForURL(`${suite.baseUrl}/admin`);
  await suite.accessibility.expectNoViolations(page, 'dangosfwrdd (dashboard)');
  for (const [path, label] of [
    ['/admin/submissions?q=deintyddion', 'cyflwyniadau (submissions, searched)'],
    ['/admin/digests', 'crynodebau (digests)'],
    ['/admin/audit', 'cofnod archwilio (audit log)'],
    ['/admin/entries/new', 'cofnodi ymateb (record a response)'],
  ] as const) {
    await page.goto(suite.baseUrl + path);
    await suite.accessibility.expectNoViolations(page, label);
  }
  await page.getByRole('button', { name: t('admin.entry.submit') }).click();
  await suite.accessibility.expectNoViolations(page, 'cofnodi ymateb gyda gwallau (record a response with errors)');
  const reference = suite.portal.db.prepare('SELECT reference FROM submissions LIMIT 1').pluck().get() as string;
  await page.goto(`${suite.baseUrl}/admin/submissions/${reference}`);
  await suite.accessibility.expectNoViolations(page, 'cyflwyniad (submission)');
  await page.goto(`${suite.baseUrl}/tudalen-ar-goll`);
  await suite.accessibility.expectNoViolations(page, 'heb ei chanfod (not found)');
  suite.portal.clock.time = new Date('2020-06-16T00:00:00+01:00');
  await page.goto(`${suite.baseUrl}/respond`);
  await suite.accessibility.expectNoViolations(page, 'ar gau (closed)');
  suite.portal.clock.time = new Date('2020-05-12T10:00:00+01:00');
  await context.close();
}, 90_000);
