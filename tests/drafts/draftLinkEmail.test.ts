import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestPortal, type TestPortal } from '../support/testPortal';
import { TestSmtpServer } from '../support/smtp';
import { pdfFile } from '../support/files';
import { escapeHtml, formValues, message } from '../support/formPage';
import { csrfTokenIn, validFields } from '../support/respond';
import type { Language } from '../../server/platform/vocabulary';
import { linkIn, pathOf, saveDraft } from './support';

let smtp: TestSmtpServer;
let portal: TestPortal;
let dataDir: string;

beforeEach(async () => {
  smtp = new TestSmtpServer();
  await smtp.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-drafts-mail-'));
  portal = createTestPortal({
    dataDir,
    env: { SMTP_URL: smtp.url, BASE_URL: 'http://consult.example.org' },
    services: { deliveryPolicy: { leaseMs: 60_000, firstRetryMs: 1_000, longestRetryMs: 60_000, maxAttempts: 5 } },
  });
});

afterEach(async () => {
  portal.services.transport.close();
  portal.close();
  await smtp.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.each<Language>(['en', 'cy'])('the email with the link to a draft, in %s', (language) => {
  test('arrives through SMTP in the language the draft was saved in, and its link opens the draft', async () => {
    const agent = request.agent(portal.app);
    const form = await agent.get(`/respond?lang=${language}`).expect(200);
    await saveDraft(
      agent,
      csrfTokenIn(form.text),
      validFields({ name: 'Rhian Jones', email: 'rhian@example.org', consentPrivacy: '' }),
      [{ name: 'Adroddiad Gŵyr.pdf', content: pdfFile() }],
    ).expect(303);
    const saved = await agent.get('/respond/draft/saved').expect(200);
    const shownLink = linkIn(saved.text);
    expect(saved.text).toContain(escapeHtml(message('drafts.saved.title', {}, language)));
    expect(saved.text).toContain(escapeHtml(message('drafts.saved.emailed', { email: 'rhian@example.org' }, language)));

    await portal.services.delivery.deliverDue();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toMatchObject({ text: 'rhian@example.org' });
    expect(mail.subject).toContain(message('email.draftLink.subject', {}, language));
    expect(mail.text).toContain(message('email.draftLink.intro', {}, language));
    expect(mail.text).toContain(shownLink);
    expect(mail.html).toContain(escapeHtml(message('email.draftLink.heading', {}, language)));

    // Once sent, the outbox keeps nothing that could rebuild the link.
    const row = portal.db.prepare("SELECT status, sealed_token AS sealed FROM outbox WHERE kind = 'draft-link'").get();
    expect(row).toEqual({ status: 'sent', sealed: null });

    const opened = await request(portal.app).get(pathOf(shownLink)).expect(200);
    expect(formValues(opened.text).name).toBe('Rhian Jones');
  });
});

test('a new link asked for is emailed in the language of the page it was asked from', async () => {
  const first = request.agent(portal.app);
  const form = await first.get('/respond').expect(200);
  await saveDraft(first, csrfTokenIn(form.text), validFields({ email: 'rhian@example.org' })).expect(303);
  await portal.services.delivery.deliverDue();

  const welsh = request.agent(portal.app);
  const page = await welsh.get('/respond/draft/new-link?lang=cy').expect(200);
  await welsh
    .post('/respond/draft/new-link')
    .type('form')
    .send({ _csrf: csrfTokenIn(page.text), email: 'RHIAN@example.org' })
    .expect(303);
  await portal.services.delivery.deliverDue();
  expect(smtp.received).toHaveLength(2);
  const [original, renewed] = smtp.received;
  expect(renewed!.text).toContain(message('email.draftLink.intro', {}, 'cy'));
  const links = [original!, renewed!].map(
    (mail) => /http:\/\/consult\.example\.org\/respond\/draft\/\S+/.exec(mail.text ?? '')![0],
  );
  expect(links[0]).not.toBe(links[1]);
  for (const link of links) await request(portal.app).get(pathOf(link)).expect(200);
});
