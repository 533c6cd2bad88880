import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { projectRoot } from '../../server/config';
import { deliveredReceipt } from '../support/receipts';
import { createTestPortal, type TestPortal } from '../support/testPortal';
import { pdfFile } from '../support/files';
import { countRows, csrfTokenIn, postResponse, validFields } from '../support/respond';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

test('a first visit is in the browser’s language, and every page says which', async () => {
  const welsh = await request(portal.app).get('/').set('Accept-Language', 'cy-GB,cy;q=0.9,en;q=0.8').expect(200);
  expect(welsh.text).toContain('<html lang="cy">');
  expect(welsh.text).toContain('Llafur Cymru');
  expect(welsh.text).toMatch(
    /<a class="language-switch__link" href="\/\?lang=en" hreflang="en" lang="en">English<\/a>/,
  );
  expect(welsh.headers.vary).toContain('Accept-Language');
  const english = await request(portal.app).get('/').set('Accept-Language', 'fr,en;q=0.5').expect(200);
  expect(english.text).toContain('<html lang="en">');
});

test('the switch keeps the page, and the choice is remembered', async () => {
  const agent = request.agent(portal.app);
  const switched = await agent.get('/papers/health-and-social-care?lang=cy').expect(200);
  expect(switched.text).toContain('<html lang="cy">');
  expect(switched.text).toContain('href="/papers/health-and-social-care?lang=en"');
  const later = await agent.get('/guides/event-guide').set('Accept-Language', 'en').expect(200);
  expect(later.text).toContain('<html lang="cy">');
  expect(later.text).toContain('Trefnu eich digwyddiad');
});

test('a paper whose text is not yet in Welsh has its headings and questions in Welsh, its text in English, marked, with a notice', async () => {
  const page = await request(portal.app).get('/papers/health-and-social-care?lang=cy').expect(200);
  expect(page.text).toContain('role="note">Mae&#39;r penawdau a&#39;r cwestiynau yn Gymraeg');
  expect(page.text).toContain('<h1 class="heading-xl">Iechyd a Gofal Cymdeithasol</h1>');
  expect(page.text).toContain('<span class="section-number">3.</span> Buddsoddi yn ein gweithlu</h2>');
  expect(page.text).toContain(
    '<li>Beth fyddai&#39;n gwneud fwyaf i recriwtio a chadw staff yn y GIG a gofal cymdeithasol yng Nghymru?</li>',
  );
  expect(page.text).toMatch(/<div class="prose" lang="en"><p>Welsh Labour hugely values the expertise/);
  expect(page.text).toContain('<figure class="member-quote" lang="en">');
  expect(page.text).not.toMatch(/<h[12][^>]*lang="en"/);
  const home = await request(portal.app).get('/?lang=cy').expect(200);
  expect(home.text).toContain('<a href="/papers/health-and-social-care">Iechyd a Gofal Cymdeithasol</a>');
  expect(home.text).toContain('Mae ei destun yn Saesneg am y tro.');
});

test('a paper with no Welsh version at all is shown in English, marked as English, with a notice', async () => {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'));
  fs.cpSync(path.join(projectRoot, 'content/stage-2'), contentDir, { recursive: true });
  fs.rmSync(path.join(contentDir, 'papers/health-and-social-care.cy.yaml'));
  const english = createTestPortal({ contentDir });
  const page = await request(english.app).get('/papers/health-and-social-care?lang=cy').expect(200);
  english.close();
  fs.rmSync(contentDir, { recursive: true, force: true });
  expect(page.text).toContain('role="note">Nid yw&#39;r papur hwn');
  expect(page.text).toContain('<h1 class="heading-xl" lang="en">Health and Social Care</h1>');
  expect(page.text).toMatch(/<p class="caption">Papur pwnc<\/p>/);
});

test('times read as Welsh writes them, with yb and yh', async () => {
  const home = await request(portal.app).get('/?lang=cy').expect(200);
  expect(home.text).toContain('11:59yh ddydd Llun 15 Mehefin 2020');
  expect(home.text).not.toMatch(/\d[ap]m\b/);
});

describe('the respond form in Welsh', () => {
  test('validation messages are in Welsh', async () => {
    const agent = request.agent(portal.app);
    const page = await agent.get('/respond?lang=cy').expect(200);
    const response = await postResponse(agent, csrfTokenIn(page.text), {}).expect(400);
    expect(response.text).toContain('<html lang="cy">');
    expect(response.text).not.toContain('Enter your full name');
    expect(response.text).toMatch(/<h2 class="error-summary__title" id="error-summary-title">[^<]+<\/h2>/);
  });

  test('switching language keeps every value and every attached report, and stores nothing', async () => {
    const agent = request.agent(portal.app);
    const page = await agent.get('/respond').expect(200);
    const csrf = csrfTokenIn(page.text);
    let post = agent.post('/respond?switchLanguage=cy').field('_csrf', csrf);
    for (const [name, value] of Object.entries(validFields({ name: 'Gwenllian ap Rhys', email: '' })))
      post = post.field(name, value as string);
    const switched = await post.attach('reports', pdfFile(), 'adroddiad.pdf').expect(200);
    expect(switched.text).toContain('<html lang="cy">');
    expect(switched.text).toContain('value="Gwenllian ap Rhys"');
    expect(switched.text).toContain('adroddiad.pdf');
    expect(switched.text).not.toContain('error-summary');
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });

  test('a response sent in Welsh is recorded as Welsh, and its receipt is in Welsh', async () => {
    const agent = request.agent(portal.app);
    const page = await agent.get('/respond?lang=cy').expect(200);
    await postResponse(agent, csrfTokenIn(page.text), validFields()).expect(303);
    const confirmation = await agent.get('/respond/confirmation').expect(200);
    expect(confirmation.text).toContain('<html lang="cy">');
    expect(portal.db.prepare('SELECT language FROM submissions').pluck().get()).toBe('cy');
    const receipt = await deliveredReceipt(
      portal,
      portal.db.prepare('SELECT id FROM submissions').pluck().get() as number,
    );
    expect(receipt.subject).toMatch(/^YMGYNGHORIAD POLISI CAM 2: eich ymateb /);
    expect(receipt.text).toContain('Llafur Cymru');
    expect(receipt.text).toContain('Gŵyr');
  });
});
