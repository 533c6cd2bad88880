import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createCatalogue } from '../../server/platform/i18n/catalogue';
import { portalWithOfficer } from '../support/officer';
import type { TestPortal } from '../support/testPortal';
import { smallRegister, unitCsv } from '../support/unitFiles';
import { csrfTokenIn } from '../support/respond';

const catalogue = createCatalogue();
const en = catalogue.translatorFor('en');
const cy = catalogue.translatorFor('cy');

let portal: TestPortal;
let agent: TestAgent;
let csrf: string;

beforeEach(async () => {
  ({ portal, agent, csrf } = await portalWithOfficer());
});
afterEach(() => portal.close());

/** HTML as the text a person reads: the catalogue's apostrophes and quotation marks are escaped in it. */
const unescaped = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&#34;', '"').replaceAll('&quot;', '"');

function upload(file: Buffer, name = 'units.csv', token = csrf) {
  return agent.post('/admin/units/import').field('_csrf', token).attach('file', file, name);
}

const hiddenValue = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!;

test('a visitor who is not signed in cannot see or change the register', async () => {
  const visitor = request.agent(portal.app);
  for (const path of ['/admin/units', '/admin/units/new', '/admin/units/import']) {
    const page = await visitor.get(path);
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/admin\/sign-in/);
  }
  const home = await visitor.get('/').expect(200);
  const token = csrfTokenIn(home.text.includes('_csrf') ? home.text : (await visitor.get('/admin/sign-in')).text);
  const add = await visitor
    .post('/admin/units')
    .type('form')
    .send({ _csrf: token, kind: 'clp', name_en: 'Gower CLP', constituency: 'gower' });
  expect(add.status).toBe(303);
  expect(add.headers.location).toMatch(/^\/admin\/sign-in/);
  const imported = await visitor
    .post('/admin/units/import')
    .field('_csrf', token)
    .attach('file', smallRegister, 'units.csv');
  expect(imported.status).toBe(303);
  expect(portal.services.units.matching({})).toEqual([]);
});

test('the officer imports a file: a preview first, then the register, with the secretaries', async () => {
  const preview = await upload(smallRegister).expect(200);
  expect(unescaped(preview.text)).toContain(
    en('admin.units.import.preview.counts', { added: 6, updated: 0, unchanged: 0 }),
  );
  expect(portal.services.units.matching({})).toEqual([]);

  const applied = await agent
    .post('/admin/units/import/apply')
    .type('form')
    .send({ _csrf: csrf, token: hiddenValue(preview.text, 'token'), digest: hiddenValue(preview.text, 'digest') })
    .expect(303);
  const register = await agent.get(applied.headers.location!).expect(200);
  expect(unescaped(register.text)).toContain(en('admin.units.import.applied', { added: 6, updated: 0, unchanged: 0 }));
  expect(register.text).toContain('Heath and Birchgrove Branch');
  expect(register.text).toContain('rhys.evans@example.org');

  const filtered = await agent.get('/admin/units?kind=branch&constituency=gower').expect(200);
  expect(filtered.text).toContain('Gorseinon Branch');
  expect(filtered.text).not.toContain('Heath and Birchgrove Branch');

  const welsh = await agent.get('/admin/units?lang=cy').expect(200);
  expect(welsh.text).toContain('CLP Gogledd Caerdydd');
  expect(welsh.text).toContain('Grŵp Llafur Caerdydd');
});

test('a bad file is reported row by row in the page language, and changes nothing', async () => {
  const bad = unitCsv('branch,Sketty Branch,Cangen Sgeti,swansea-west,,', 'affiliate,GMB,,,Someone,not-an-address');
  const page = await upload(bad).expect(400);
  const text = unescaped(page.text);
  expect(text).toContain(en('admin.units.import.problems.branchWithoutClp', { constituency: 'Swansea West' }));
  expect(text).toContain(en('admin.units.errors.emailInvalid'));
  expect(text).toMatch(/<td>3<\/td><td>secretary_email<\/td>/);

  await agent.get('/?lang=cy');
  const welsh = unescaped((await upload(bad).expect(400)).text);
  expect(welsh).toContain(cy('admin.units.import.problems.heading', { count: 2 }));
  expect(welsh).toContain(cy('admin.units.errors.emailInvalid'));
  expect(portal.services.units.matching({})).toEqual([]);
});

test('a file that is not CSV, no file, and an upload without the CSRF token are refused with a clear message', async () => {
  const workbook = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 0)]);
  expect(unescaped((await upload(workbook, 'units.xlsx').expect(400)).text)).toContain(
    en('admin.units.import.problems.notText'),
  );
  const none = await agent.post('/admin/units/import').field('_csrf', csrf).expect(400);
  expect(unescaped(none.text)).toContain(en('admin.units.import.problems.noFile'));
  await upload(smallRegister, 'units.csv', 'not-the-token').expect(403);
  expect(portal.services.units.matching({})).toEqual([]);
});

test('a confirmation with a made-up token applies nothing', async () => {
  const page = await agent
    .post('/admin/units/import/apply')
    .type('form')
    .send({ _csrf: csrf, token: 'guessed', digest: '0'.repeat(64) })
    .expect(410);
  expect(unescaped(page.text)).toContain(en('admin.units.import.problems.gone'));
});

test('the officer adds, edits and deletes a unit through the forms, with errors shown by the fields', async () => {
  const missing = await agent
    .post('/admin/units')
    .type('form')
    .send({ _csrf: csrf, kind: 'branch', name_en: '', constituency: '' })
    .expect(400);
  expect(unescaped(missing.text)).toContain(en('admin.units.errors.nameEnMissing'));
  expect(unescaped(missing.text)).toContain(en('admin.units.errors.constituencyMissing'));

  const noClp = await agent
    .post('/admin/units')
    .type('form')
    .send({ _csrf: csrf, kind: 'branch', name_en: 'Gorseinon Branch', constituency: 'gower' })
    .expect(400);
  expect(unescaped(noClp.text)).toContain(en('admin.units.errors.noClp'));
  expect(noClp.text).toContain('value="Gorseinon Branch"');

  const added = await agent
    .post('/admin/units')
    .type('form')
    .send({
      _csrf: csrf,
      kind: 'clp',
      name_en: 'Gower CLP',
      name_cy: 'CLP Gŵyr',
      constituency: 'gower',
      secretary_name: 'Sian Morgan',
      secretary_email: 'sian@example.org',
    })
    .expect(303);
  const id = /\/admin\/units\/(\d+)/.exec(added.headers.location!)![1]!;
  const unitPage = await agent.get(added.headers.location!).expect(200);
  expect(unescaped(unitPage.text)).toContain(en('admin.units.saved'));

  await agent
    .post(`/admin/units/${id}`)
    .type('form')
    .send({
      _csrf: csrf,
      kind: 'clp',
      name_en: 'Gower CLP',
      name_cy: 'CLP Gŵyr',
      constituency: 'gower',
      secretary_name: 'Sian Morgan',
      secretary_email: 'bad address',
    })
    .expect(400);
  await agent
    .post(`/admin/units/${id}`)
    .type('form')
    .send({
      _csrf: csrf,
      kind: 'clp',
      name_en: 'Gower CLP',
      name_cy: 'CLP Gŵyr',
      constituency: 'gower',
      secretary_name: 'Rhian Lewis',
      secretary_email: 'rhian@example.org',
    })
    .expect(303);
  expect(portal.services.units.find(Number(id))).toMatchObject({ secretaryName: 'Rhian Lewis' });

  const unconfirmed = await agent.post(`/admin/units/${id}/delete`).type('form').send({ _csrf: csrf }).expect(400);
  expect(unescaped(unconfirmed.text)).toContain(en('admin.units.delete.confirmMissing'));
  await agent.post(`/admin/units/${id}/delete`).type('form').send({ _csrf: csrf, confirm: 'yes' }).expect(303);
  expect(portal.services.units.find(Number(id))).toBeNull();
  await agent.get(`/admin/units/${id}`).expect(404);
  await agent.get('/admin/units/not-a-number').expect(404);

  const audit = await agent.get('/admin/audit').expect(200);
  expect(audit.text).toContain(en('admin.audit.actions.unit-deleted'));
  expect(audit.text).not.toContain('rhian@example.org');
});

test('a form without the CSRF token changes nothing', async () => {
  await agent
    .post('/admin/units')
    .type('form')
    .send({ kind: 'clp', name_en: 'Gower CLP', constituency: 'gower' })
    .expect(403);
  expect(portal.services.units.matching({})).toEqual([]);
});
