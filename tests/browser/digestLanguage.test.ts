import { createCatalogue } from '../../server/platform/i18n/catalogue';
import { browserSuite } from '../support/browser';
import { addOfficer, officerEmail, officerPassword } from '../support/officer';
import { storeResponse } from '../support/officerWorkspace';

const t = createCatalogue().translatorFor('cy');

const suite = browserSuite(async (portal) => {
  await addOfficer(portal);
  await storeResponse(portal, '2020-05-11T10:00:00+01:00');
});

test('yn Gymraeg: the Digests page previews the digest in Welsh, and the officer opts in to Welsh digests, then changes to English', async () => {
  const context = await suite.browser.newContext({ locale: 'cy-GB' });
  const page = await context.newPage();
  await page.goto(`${suite.baseUrl}/admin/digests`);
  await page.getByLabel(t('admin.signIn.email')).fill(officerEmail);
  await page.getByLabel(t('admin.signIn.password')).fill(officerPassword);
  await page.getByRole('button', { name: t('admin.signIn.submit') }).click();
  await page.getByRole('link', { name: t('admin.nav.digests') }).click();

  const preview = page.getByRole('region', { name: t('admin.digests.preview.heading') });
  expect(await preview.textContent()).toContain('Heb glywed gan y rhain eto: Aberafan');
  expect(await page.locator('.email-preview').textContent()).toContain(
    'YMGYNGHORIAD POLISI CAM 2: crynodeb, 1 ymateb newydd',
  );
  expect(await page.locator('main').textContent()).toContain(t('admin.digests.recipients.startLanguage'));
  await suite.accessibility.expectNoViolations(page, 'crynodebau, heb eu dewis (digests, not opted in)');

  await page.getByRole('button', { name: t('admin.digests.recipients.start') }).click();
  expect(await page.locator('main').textContent()).toContain(t('admin.digests.recipients.yours.cy'));
  expect(suite.portal.services.digests.recipients()).toEqual([{ address: officerEmail, language: 'cy' }]);
  await suite.accessibility.expectNoViolations(page, 'crynodebau, yn Gymraeg (digests, opted in to Welsh)');

  await page.getByRole('button', { name: t('admin.digests.recipients.switch.en') }).click();
  expect(await page.locator('main').textContent()).toContain(t('admin.digests.recipients.yours.en'));
  expect(suite.portal.services.digests.recipients()).toEqual([{ address: officerEmail, language: 'en' }]);
  await page.getByRole('button', { name: t('admin.digests.recipients.stop') }).click();
  expect(suite.portal.services.digests.recipients()).toEqual([]);
  await context.close();
}, 60_000);
