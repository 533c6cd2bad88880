import type { Page } from 'playwright-core';
import { createCatalogue } from '../../server/platform/i18n/catalogue';
import type { Translate } from '../../server/platform/i18n/catalogue';
import { browserSuite } from '../support/browser';
import { addOfficer, officerEmail, officerPassword } from '../support/officer';
import { smallRegister, unitCsv } from '../support/unitFiles';

const catalogue = createCatalogue();
const suite = browserSuite(addOfficer);

async function signInAndOpenImport(page: Page, t: Translate): Promise<void> {
  await page.goto(`${suite.baseUrl}/admin/units`);
  await page.getByLabel(t('admin.signIn.email')).fill(officerEmail);
  await page.getByLabel(t('admin.signIn.password')).fill(officerPassword);
  await page.getByRole('button', { name: t('admin.signIn.submit') }).click();
  await page.getByRole('link', { name: t('admin.nav.units') }).click();
  await page.getByRole('link', { name: t('admin.units.import.link') }).click();
}

async function chooseAndCheck(page: Page, t: Translate, file: Buffer): Promise<void> {
  await page
    .getByLabel(t('admin.units.import.file'))
    .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: file });
  await page.getByRole('button', { name: t('admin.units.import.check') }).click();
}

test('the officer imports the register from a CSV file: a mistake reported by line, a preview, then the register', async () => {
  const t = catalogue.translatorFor('en');
  const context = await suite.browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signInAndOpenImport(page, t);
  await suite.accessibility.expectNoViolations(page, 'import the register');

  await chooseAndCheck(page, t, unitCsv('branch,Sketty Branch,Cangen Sgeti,swansea-west,,'));
  expect(await page.locator('.error-summary').isVisible()).toBe(true);
  expect(await page.locator('main').textContent()).toContain(
    t('admin.units.import.problems.branchWithoutClp', { constituency: 'Swansea West' }),
  );
  await suite.accessibility.expectNoViolations(page, 'import the register, a file with a mistake');

  await page
    .getByLabel(t('admin.units.import.file'))
    .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: smallRegister });
  await page.getByRole('button', { name: t('admin.units.import.check') }).click();
  expect(await page.locator('main').textContent()).toContain(
    t('admin.units.import.preview.counts', { added: 6, updated: 0, unchanged: 0 }),
  );
  await suite.accessibility.expectNoViolations(page, 'import the register, the preview');
  expect(suite.portal.services.units.matching({})).toEqual([]);

  await page.getByRole('button', { name: t('admin.units.import.preview.apply') }).click();
  expect(await page.getByRole('status').textContent()).toContain(
    t('admin.units.import.applied', { added: 6, updated: 0, unchanged: 0 }),
  );
  const register = page.getByRole('region', { name: t('admin.units.title') });
  expect(await register.textContent()).toContain('Heath and Birchgrove Branch');
  await suite.accessibility.expectNoViolations(page, 'the register of units');

  await page.getByRole('link', { name: 'Gorseinon Branch' }).click();
  expect(await page.locator('main').textContent()).toContain(t('admin.units.branchOf', { clp: 'Gower CLP' }));
  await suite.accessibility.expectNoViolations(page, "a unit's page");
  await context.close();
}, 60_000);

test('yn Gymraeg: the officer imports the register again, sees what it updates, and the register in Welsh alphabetical order', async () => {
  const t = catalogue.translatorFor('cy');
  const context = await suite.browser.newContext({ locale: 'cy-GB' });
  const page = await context.newPage();
  await signInAndOpenImport(page, t);
  const update = unitCsv(
    'clp,Gower CLP,CLP Gŵyr,gower,Sian Morgan,new.secretary@example.org',
    'labour-group,Llanelli Labour Group,Grŵp Llafur Llanelli,,,',
    'labour-group,Lampeter Labour Group,Grŵp Llafur Llanbedr Pont Steffan,,,',
  );
  await chooseAndCheck(page, t, update);
  const main = page.locator('main');
  expect(await main.textContent()).toContain(
    t('admin.units.import.preview.counts', { added: 2, updated: 1, unchanged: 0 }),
  );
  await suite.accessibility.expectNoViolations(page, 'mewnforio, y rhagolwg (import preview)');
  await page.getByRole('button', { name: t('admin.units.import.preview.apply') }).click();
  expect(await page.getByRole('status').textContent()).toContain(
    t('admin.units.import.applied', { added: 2, updated: 1, unchanged: 0 }),
  );
  await page.getByLabel(t('admin.units.fields.kind')).selectOption('labour-group');
  await page.getByRole('button', { name: t('admin.units.filter') }).click();
  const names = await page.locator('tbody tr td:first-child').allTextContents();
  // Ll is a letter of its own in Welsh, after L: Grŵp Llafur Caerdydd, then … Llanbedr, then … Llanelli.
  expect(names).toEqual(['Grŵp Llafur Caerdydd', 'Grŵp Llafur Llanbedr Pont Steffan', 'Grŵp Llafur Llanelli']);
  await suite.accessibility.expectNoViolations(page, 'y gofrestr unedau (the register of units)');
  await context.close();
}, 60_000);
