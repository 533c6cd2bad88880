import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { pdfFile } from '../support/files';
import { escapeHtml, formValues, heldIdIn, keptReportNames, message } from '../support/formPage';
import { lockDatabase, withoutErrorLog } from '../support/storageFaults';
import { cantonBranchFields, countRows, openForm, postResponse, validFields } from '../support/respond';
import { draftLinkLimits } from '../../server/features/drafts';
import { csrfFrom, draftFieldsIn, linkIn, pathOf, saveDraft } from './support';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal({ env: { BASE_URL: 'http://consult.example.org' } });
});
afterEach(() => portal.close());

const halfDone = validFields({
  name: 'Carys Evans',
  email: 'carys@example.org',
  'answer__health-and-social-care': 'Half a thought about dentists in Gower…',
  consentPrivacy: '',
  consentQuote: '',
});
const draftsDir = () => path.join(portal.dataDir, 'drafts');

/** Saves the half-done form with a report, and returns the link from the page after it. */
async function saveHalfDone(fields = halfDone) {
  const form = await openForm(portal.app);
  const saved = await saveDraft(form.agent, form.csrf, fields, [
    { name: 'Workshop report.pdf', content: pdfFile() },
  ]).expect(303);
  expect(saved.headers.location).toBe('/respond/draft/saved');
  const page = await form.agent.get('/respond/draft/saved').expect(200);
  return { agent: form.agent, page: page.text, link: linkIn(page.text) };
}

describe('save and return', () => {
  test('keeps every field and the accepted reports, and the link opens the form filled with them', async () => {
    const { page, link } = await saveHalfDone();
    expect(page).toContain(escapeHtml(message('drafts.saved.emailed', { email: 'carys@example.org' })));
    expect(link).toMatch(/^http:\/\/consult\.example\.org\/respond\/draft\/[A-Za-z0-9_-]{43}$/);

    // A fresh browser: nothing but the link.
    const opened = await request(portal.app).get(pathOf(link)).expect(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    const values = formValues(opened.text);
    expect(values.name).toBe('Carys Evans');
    expect(values['answer__health-and-social-care']).toBe(escapeHtml('Half a thought about dentists in Gower…'));
    expect(values.constituency).toBe('gower');
    expect(keptReportNames(opened.text)).toEqual(['Workshop report.pdf']);
    expect(draftFieldsIn(opened.text).draftVersion).toBe('1');
    expect(opened.text).toContain('data-draft-server');
    expect(filesUnder(draftsDir())).toHaveLength(1);
  });

  test('the database holds only a hash of the link, and the email in the outbox holds it sealed', async () => {
    const { link } = await saveHalfDone();
    const token = link.split('/').pop()!;
    const everyText = portal.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all()
      .flatMap((table) => portal.db.prepare(`SELECT * FROM "${String(table)}"`).all())
      .map((row) => JSON.stringify(row))
      .join('\n');
    expect(everyText).not.toContain(token);
    expect(countRows(portal.db, 'draft_links')).toBe(1);
    portal.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(portal.services.config.databasePath);
    expect(file.includes(Buffer.from(token))).toBe(false);
    const outbox = portal.db
      .prepare("SELECT kind, sealed_token AS sealed FROM outbox WHERE kind = 'draft-link'")
      .get() as {
      sealed: string;
    };
    expect(outbox.sealed).not.toContain(token);
  });

  test('a save without an email address asks for one, and keeps everything typed and the report', async () => {
    const form = await openForm(portal.app);
    const shown = await saveDraft(form.agent, form.csrf, { ...halfDone, email: '' }, [
      { name: 'Workshop report.pdf', content: pdfFile() },
    ]).expect(400);
    expect(shown.text).toContain(escapeHtml(message('drafts.errors.email.missing')));
    expect(formValues(shown.text).name).toBe('Carys Evans');
    expect(keptReportNames(shown.text)).toEqual(['Workshop report.pdf']);
    expect(countRows(portal.db, 'drafts')).toBe(0);
  });

  test('sending the response from the draft stores it with the draft’s report and deletes the draft', async () => {
    const { link } = await saveHalfDone();
    const agent = request.agent(portal.app);
    const opened = await agent.get(pathOf(link)).expect(200);
    const carried = formValues(opened.text);
    const sent = await postResponse(agent, carried._csrf!, {
      ...validFields(),
      formToken: carried.formToken!,
      openedAt: carried.openedAt!,
      ...draftFieldsIn(opened.text),
    }).expect(303);
    expect(sent.headers.location).toBe('/respond/confirmation');
    expect(countRows(portal.db, 'submissions')).toBe(1);
    expect(countRows(portal.db, 'attachments')).toBe(1);
    expect(countRows(portal.db, 'drafts')).toBe(0);
    expect(countRows(portal.db, 'draft_reports')).toBe(0);
    expect(filesUnder(draftsDir())).toEqual([]);
    expect(filesUnder(path.join(portal.dataDir, 'uploads'))).toHaveLength(1);
    await request(portal.app).get(pathOf(link)).expect(404);
  });

  test('a draft’s report taken off as the response is sent is not sent, and its file goes too', async () => {
    const { link } = await saveHalfDone();
    const agent = request.agent(portal.app);
    const opened = await agent.get(pathOf(link)).expect(200);
    const carried = formValues(opened.text);
    const storedName = /name="removeReport" value="([0-9a-f]{32})"/.exec(opened.text)![1]!;
    await postResponse(agent, carried._csrf!, {
      ...validFields(),
      formToken: carried.formToken!,
      openedAt: carried.openedAt!,
      removeReport: storedName,
      ...draftFieldsIn(opened.text),
    }).expect(303);
    expect(countRows(portal.db, 'attachments')).toBe(0);
    expect(countRows(portal.db, 'drafts')).toBe(0);
    expect(filesUnder(draftsDir())).toEqual([]);
  });

  test('a report removed on the draft is gone from it, and one added is kept', async () => {
    const { link } = await saveHalfDone();
    const agent = request.agent(portal.app);
    const opened = await agent.get(pathOf(link)).expect(200);
    const values = formValues(opened.text);
    const storedName = /name="removeReport" value="([0-9a-f]{32})"/.exec(opened.text)![1]!;
    await saveDraft(agent, values._csrf!, { ...halfDone, ...draftFieldsIn(opened.text), removeReport: storedName }, [
      { name: 'Second report.pdf', content: pdfFile('Another meeting') },
    ]).expect(303);
    const again = await request(portal.app).get(pathOf(link)).expect(200);
    expect(keptReportNames(again.text)).toEqual(['Second report.pdf']);
    expect(filesUnder(draftsDir())).toHaveLength(1);
  });
});

describe('storage failing', () => {
  test('a save the database cannot take leaves neither row nor file, and keeps everything for the next try', async () => {
    const form = await openForm(portal.app);
    const release = lockDatabase(portal);
    const failed = await withoutErrorLog(() =>
      saveDraft(form.agent, form.csrf, halfDone, [{ name: 'Workshop report.pdf', content: pdfFile() }]).expect(503),
    );
    release();
    expect(failed.text).toContain(escapeHtml(message('drafts.notSaved')));
    expect(formValues(failed.text).name).toBe('Carys Evans');
    expect(keptReportNames(failed.text)).toEqual(['Workshop report.pdf']);
    expect(countRows(portal.db, 'drafts')).toBe(0);
    expect(filesUnder(draftsDir())).toEqual([]);

    await saveDraft(form.agent, form.csrf, { ...halfDone, heldId: heldIdIn(failed.text)! }).expect(303);
    const page = await form.agent.get('/respond/draft/saved').expect(200);
    const opened = await request(portal.app)
      .get(pathOf(linkIn(page.text)))
      .expect(200);
    expect(keptReportNames(opened.text)).toEqual(['Workshop report.pdf']);
    expect(filesUnder(draftsDir())).toHaveLength(1);
  });
});

describe('two people saving one draft', () => {
  test('the later save from an older version is refused and shows both, losing nothing', async () => {
    const { link } = await saveHalfDone(cantonBranchFields({ consentPrivacy: '', consentQuote: '' }));
    const secretary = request.agent(portal.app);
    const chair = request.agent(portal.app);
    const secretaryPage = await secretary.get(pathOf(link)).expect(200);
    const chairPage = await chair.get(pathOf(link)).expect(200);

    await saveDraft(secretary, formValues(secretaryPage.text)._csrf!, {
      ...cantonBranchFields({ 'answer__health-and-social-care': 'The secretary’s words.' }),
      ...draftFieldsIn(secretaryPage.text),
    }).expect(303);
    const refused = await saveDraft(chair, formValues(chairPage.text)._csrf!, {
      ...cantonBranchFields({ 'answer__health-and-social-care': 'The chair’s words.' }),
      ...draftFieldsIn(chairPage.text),
    }).expect(409);
    expect(refused.text).toContain(escapeHtml(message('drafts.conflict.title')));
    // What the chair typed is in the form; what the secretary saved is shown beside it.
    expect(formValues(refused.text)['answer__health-and-social-care']).toBe(escapeHtml('The chair’s words.'));
    expect(refused.text).toContain(escapeHtml('The secretary’s words.'));
    expect(draftFieldsIn(refused.text).draftVersion).toBe('2');
    expect(keptReportNames(refused.text)).toEqual(['Workshop report.pdf']);

    // Merged and saved again over the version now shown: it goes through.
    await saveDraft(chair, formValues(refused.text)._csrf!, {
      ...cantonBranchFields({ 'answer__health-and-social-care': 'The secretary’s words. The chair’s words.' }),
      ...draftFieldsIn(refused.text),
    }).expect(303);
    const merged = await request(portal.app).get(pathOf(link)).expect(200);
    expect(formValues(merged.text)['answer__health-and-social-care']).toBe(
      escapeHtml('The secretary’s words. The chair’s words.'),
    );
    expect(draftFieldsIn(merged.text).draftVersion).toBe('3');
  });
});

describe('a wrong or expired link', () => {
  // All but what differs between any two pages: the token, the nonce, and the address the language switch keeps.
  const bodyOf = (html: string) =>
    html
      .replace(/name="_csrf" value="[^"]+"/, '')
      .replace(/nonce="[^"]+"/g, '')
      .replace(/href="\/respond\/draft\/[^"?]*\?lang=/g, 'href="?lang=');

  test('gets the same page whatever the link, in English and in Welsh', async () => {
    const { link } = await saveHalfDone();
    const wrong = await request(portal.app)
      .get(`/respond/draft/${'A'.repeat(43)}`)
      .expect(404);
    const garbled = await request(portal.app).get('/respond/draft/not-a-link').expect(404);
    expect(wrong.text).toContain(escapeHtml(message('drafts.notFound.title')));
    expect(bodyOf(garbled.text)).toBe(bodyOf(wrong.text));

    portal.clock.time = new Date(portal.services.window.status().lateResponsesUntil.getTime() + 1);
    // Past the close the form is shut, so the link is tried before then only in memory: the draft is gone.
    expect(portal.services.drafts.open(link.split('/').pop()!)).toBeNull();

    const welsh = request.agent(portal.app);
    await welsh.get('/?lang=cy');
    portal.clock.time = new Date('2020-05-12T10:00:00+01:00');
    const inWelsh = await welsh.get(`/respond/draft/${'B'.repeat(43)}`).expect(404);
    expect(inWelsh.text).toContain(escapeHtml(message('drafts.notFound.title', {}, 'cy')));
  });

  test('asking for a new link answers the same whether or not the address saved a draft', async () => {
    await saveHalfDone();
    const ask = async (email: string) => {
      const agent = request.agent(portal.app);
      const { csrf } = await csrfFrom(agent, '/respond/draft/new-link');
      const asked = await agent.post('/respond/draft/new-link').type('form').send({ _csrf: csrf, email }).expect(303);
      const page = await agent.get(asked.headers.location!).expect(200);
      return { location: asked.headers.location, body: page.text.replace(/nonce="[^"]+"/g, '') };
    };
    const queued = () => countRows(portal.db, 'outbox');
    const before = queued();
    const known = await ask('carys@example.org');
    expect(queued()).toBe(before + 1);
    const unknown = await ask('nobody@example.org');
    expect(queued()).toBe(before + 1);
    expect(unknown).toEqual(known);
    // Both links work: the first is not taken away by asking for another.
    expect(countRows(portal.db, 'draft_links')).toBe(2);
  });
});

describe('limits', () => {
  test('links that open no draft are limited per address, and a right link still counts as none', async () => {
    const { link } = await saveHalfDone();
    const agent = request.agent(portal.app);
    for (let tried = 0; tried < draftLinkLimits.wrongLinks; tried += 1) {
      await agent.get(`/respond/draft/${String(tried).padStart(43, 'x')}`).expect(404);
      if (tried === 0) await agent.get(pathOf(link)).expect(200);
    }
    await agent.get(`/respond/draft/${'y'.repeat(43)}`).expect(429);
  });

  test('a save once the consultation has closed shows everything typed on the closed page', async () => {
    const form = await openForm(portal.app);
    portal.clock.time = new Date(portal.services.window.status().closesAt.getTime() + 1000);
    const closed = await saveDraft(form.agent, form.csrf, halfDone).expect(403);
    expect(closed.text).toContain(escapeHtml('Half a thought about dentists in Gower…'));
    expect(countRows(portal.db, 'drafts')).toBe(0);
  });
});

describe('a draft made for someone else to open (as a reminder does)', () => {
  test('opens by its link, and sends no email of its own', () => {
    const made = portal.services.drafts.createDraft({
      values: { respondentType: 'branch', bodyName: 'Canton Branch', constituency: 'cardiff-west' },
      files: [],
      language: 'cy',
      email: 'secretary@example.org',
      emailTheLink: false,
    });
    expect(countRows(portal.db, 'outbox')).toBe(0);
    expect(made.link).toBe(`http://consult.example.org/respond/draft/${made.token}`);
    expect(portal.services.drafts.open(made.token)).toMatchObject({
      version: 1,
      values: { bodyName: 'Canton Branch' },
      language: 'cy',
    });
  });
});

describe('expiry', () => {
  test('a draft and its files are deleted when the late-response grace after the close ends', async () => {
    const { link } = await saveHalfDone();
    expect(filesUnder(draftsDir())).toHaveLength(1);
    const { lateResponsesUntil } = portal.services.window.status();
    portal.clock.time = new Date(lateResponsesUntil.getTime() - 1000);
    expect(portal.services.drafts.removeExpired()).toBe(0);
    portal.clock.time = new Date(lateResponsesUntil.getTime());
    expect(portal.services.drafts.removeExpired()).toBe(1);
    expect(countRows(portal.db, 'drafts')).toBe(0);
    expect(countRows(portal.db, 'draft_reports')).toBe(0);
    expect(countRows(portal.db, 'draft_links')).toBe(0);
    expect(filesUnder(draftsDir())).toEqual([]);
    expect(portal.services.drafts.open(link.split('/').pop()!)).toBeNull();
  });
});
