import type { Language } from '../../server/platform/vocabulary';
import { createCatalogue } from '../../server/platform/i18n/catalogue';
import { browserSuite } from '../support/browser';
import { addOfficer, officerEmail, officerPassword } from '../support/officer';
import { storeResponse } from '../support/officerWorkspace';

const catalogue = createCatalogue();
const references: Record<Language, string> = { en: '', cy: '' };

const suite = browserSuite(async (portal) => {
  await addOfficer(portal);
  references.en = await storeResponse(portal, '2020-05-01T10:00:00Z', {
    name: 'Gwen Morgan',
    anythingElse: 'Dentists in every town.',
  });
  references.cy = await storeResponse(portal, '2020-05-02T10:00:00Z', {
    name: 'Rhys Hughes',
    anythingElse: 'Deintyddion ym mhob tref.',
  });
});

describe.each<Language>(['en', 'cy'])('in %s', (language) => {
  const t = catalogue.translatorFor(language);

  test('the officer finds a response by its reference typed as a respondent reads it out, and saves a note, a tag and its status with one press', async () => {
    const reference = references[language];
    const context = await suite.browser.newContext({ locale: language === 'cy' ? 'cy-GB' : 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}/admin/submissions`);
    await page.getByLabel(t('admin.signIn.email')).fill(officerEmail);
    await page.getByLabel(t('admin.signIn.password')).fill(officerPassword);
    await page.getByRole('button', { name: t('admin.signIn.submit') }).click();
    await page.waitForURL('**/admin/submissions');
    expect(await page.getAttribute('html', 'lang')).toBe(language);

    await page.getByLabel(t('admin.list.search')).fill(reference.toLowerCase().replace(/-/g, ''));
    await page.getByRole('button', { name: t('admin.list.apply') }).click();
    await page.waitForURL(`**/admin/submissions/${reference}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(reference);
    await suite.accessibility.expectNoViolations(page, `${language}: a response found by its reference`);

    const status = page.getByRole('group', { name: t('admin.list.status') });
    expect(await status.getByLabel(t('admin.statuses.read')).isChecked()).toBe(true);
    await status.getByLabel(t('admin.statuses.used')).check();
    await page.getByLabel(t('admin.submission.addTags')).fill('dentistry, rural');
    await page.getByLabel(t('admin.submission.addNote')).fill('Quote this in the chapter on primary care.');
    await page.getByRole('button', { name: t('admin.submission.save'), exact: true }).click();

    expect(await page.getByRole('status').textContent()).toBe(t('admin.submission.saved'));
    expect(new URL(page.url()).hash).toBe('#review');
    expect(
      await page
        .getByRole('group', { name: t('admin.list.status') })
        .getByLabel(t('admin.statuses.used'))
        .isChecked(),
    ).toBe(true);
    expect(await page.locator('.note').textContent()).toContain('Quote this in the chapter on primary care.');
    expect(await page.getByLabel(t('admin.submission.removeTag', { tag: 'dentistry' })).count()).toBe(1);
    expect(await page.getByLabel(t('admin.submission.removeTag', { tag: 'rural' })).count()).toBe(1);
    await suite.accessibility.expectNoViolations(page, `${language}: the review, saved`);

    await page.getByLabel(t('admin.submission.removeTag', { tag: 'rural' })).check();
    await page.getByRole('button', { name: t('admin.submission.save'), exact: true }).click();
    expect(await page.getByRole('status').textContent()).toBe(t('admin.submission.saved'));
    expect(await page.getByLabel(t('admin.submission.removeTag', { tag: 'rural' })).count()).toBe(0);
    await context.close();
  }, 60_000);
});
