import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { docFile, docxFile, exeFile, heicFile, htmlFile, pdfFile, pngFile } from '../support/files';
import { countRows, csrfTokenIn, openForm, postResponse, validFields } from '../support/respond';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

const uploadsDir = () => path.join(portal.dataDir, 'uploads');
const incomingDir = () => path.join(portal.dataDir, 'tmp', 'incoming');

function storedSubmission(reference: string) {
  const submission = portal.services.submissions.find(reference);
  return submission;
}

async function submitAndConfirm(
  fields: Record<string, string | string[]>,
  files = [] as { name: string; content: Buffer }[],
) {
  const { agent, csrf } = await openForm(portal.app);
  const response = await postResponse(agent, csrf, fields, files);
  expect(response.status).toBe(303);
  expect(response.headers.location).toBe('/respond/confirmation');
  const confirmation = await agent.get('/respond/confirmation').expect(200);
  const reference = /class="reference">([^<]+)</.exec(confirmation.text)![1]!;
  return { reference, confirmation: confirmation.text };
}

describe('responding, for each kind of respondent', () => {
  const respondents = [
    { respondentType: 'individual', bodyName: '', roleInBody: '', constituency: 'arfon' },
    {
      respondentType: 'branch',
      bodyName: 'Canton Branch',
      roleInBody: 'Branch Secretary',
      constituency: 'cardiff-west',
    },
    { respondentType: 'clp', bodyName: 'Gower CLP', roleInBody: 'CLP Secretary', constituency: 'gower' },
    {
      respondentType: 'labour_group',
      bodyName: 'Wrexham Labour Group',
      roleInBody: 'Group Leader',
      constituency: 'wrexham',
    },
    { respondentType: 'affiliate', bodyName: 'SHA Cymru Wales', roleInBody: 'Secretary', constituency: 'wales-wide' },
  ];

  test.each(respondents)('$respondentType: form → stored rows → files on disk → confirmation', async (respondent) => {
    const { reference, confirmation } = await submitAndConfirm(
      validFields({
        ...respondent,
        'answer__health-and-social-care__workforce': 'Pay domiciliary care workers for their travel time.',
        anythingElse: 'Public transport to hospitals matters too.',
        meetingDay: '7',
        meetingMonth: '5',
        meetingYear: '2020',
        meetingAttendance: '23',
        consentQuote: 'yes',
      }),
      [
        { name: 'Workshop report.pdf', content: pdfFile() },
        { name: 'Notes.docx', content: docxFile() },
      ],
    );

    expect(reference).toMatch(/^S2-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    const stored = storedSubmission(reference);
    expect(stored).toMatchObject({
      channel: 'web',
      language: 'en',
      respondentType: respondent.respondentType,
      name: 'Carys Evans',
      email: 'carys@example.org',
      bodyName: respondent.bodyName || null,
      roleInBody: respondent.roleInBody || null,
      constituency: respondent.constituency,
      anythingElse: 'Public transport to hospitals matters too.',
      meetingDate: '2020-05-07',
      meetingAttendance: 23,
      consentToQuote: true,
      status: 'new',
    });
    expect(stored.answers).toEqual([
      { paper: 'health-and-social-care', section: null, body: expect.stringContaining('Dental contract reform') },
      {
        paper: 'health-and-social-care',
        section: 'workforce',
        body: 'Pay domiciliary care workers for their travel time.',
      },
    ]);
    expect(stored.attachments.map((file) => [file.originalName, file.mediaType])).toEqual([
      ['Workshop report.pdf', 'application/pdf'],
      ['Notes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    for (const attachment of stored.attachments) {
      const onDisk = portal.services.attachments.pathOf(attachment.storedName);
      expect(fs.statSync(onDisk).size).toBe(attachment.sizeBytes);
    }
    expect(filesUnder(incomingDir())).toEqual([]);
    const searchRow = portal.db
      .prepare(
        'SELECT s.id FROM submission_search f JOIN submissions s ON s.search_key = f.rowid WHERE submission_search MATCH ?',
      )
      .get('domiciliary');
    expect(searchRow).toEqual({ id: stored.id });

    expect(confirmation).toContain(reference);
    expect(confirmation).toContain('Workshop report.pdf');
    expect(confirmation).toContain('Pay domiciliary care workers for their travel time.');
    // Printed, it says whose consultation it was and when it was sent; on screen, where the receipt went.
    expect(confirmation).toContain('<p class="print-only print-title">Welsh Labour Stage 2 Policy Consultation</p>');
    expect(confirmation).toContain('<p>Sent at 10:00am on Tuesday 12 May 2020.</p>');
    expect(confirmation).toContain('We are sending a receipt, with a copy of your response, to carys@example.org.');
  });

  test('a report alone is a response', async () => {
    const { reference } = await submitAndConfirm(
      validFields({
        respondentType: 'branch',
        bodyName: 'Penarth Branch',
        roleInBody: 'Secretary',
        constituency: 'cardiff-south-and-penarth',
        'answer__health-and-social-care': '',
      }),
      [{ name: 'minutes.png', content: pngFile() }],
    );
    expect(storedSubmission(reference).answers).toEqual([]);
    expect(storedSubmission(reference).attachments).toHaveLength(1);
  });

  test('an old Word file and an iPhone photo are taken as reports, and the file chooser offers them', async () => {
    const form = await request(portal.app).get('/respond').expect(200);
    expect(form.text).toContain('accept=".pdf,.docx,.doc,.odt,.rtf,.txt,.jpg,.jpeg,.png,.heic,.heif"');
    const { reference } = await submitAndConfirm(
      validFields({
        respondentType: 'branch',
        bodyName: 'Penarth Branch',
        roleInBody: 'Secretary',
        constituency: 'cardiff-south-and-penarth',
      }),
      [
        { name: 'Minutes 2019.doc', content: docFile() },
        { name: 'IMG_0412.HEIC', content: heicFile() },
      ],
    );
    expect(storedSubmission(reference).attachments.map((file) => [file.originalName, file.mediaType])).toEqual([
      ['Minutes 2019.doc', 'application/msword'],
      ['IMG_0412.HEIC', 'image/heic'],
    ]);
  });

  test('the confirmation shows only to the browser that sent the response', async () => {
    await submitAndConfirm(validFields());
    const { agent } = await openForm(portal.app);
    await agent.get('/respond/confirmation').expect(404);
  });

  test('what a respondent typed is shown back escaped, never as markup', async () => {
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const { confirmation } = await submitAndConfirm(
      validFields({ name: payload, 'answer__health-and-social-care': payload }),
    );
    expect(confirmation).not.toContain('<script>alert');
    expect(confirmation).not.toContain('<img src=x');
    expect(confirmation).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
  });
});

describe('the confirmation, on a computer others may use next', () => {
  async function confirmedVisit() {
    const { agent, csrf } = await openForm(portal.app);
    const sent = await postResponse(agent, csrf, validFields({ name: 'Bethan Sion' })).expect(303);
    return { agent, cookie: sent.headers['set-cookie']![0]! };
  }

  test('is never kept by the browser or a proxy', async () => {
    const { agent } = await confirmedVisit();
    const page = await agent.get('/respond/confirmation').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  test('is readable for half an hour, from a cookie that ends with the browser session', async () => {
    const { agent, cookie } = await confirmedVisit();
    expect(cookie).toMatch(/^confirmation=/);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
    portal.clock.time = new Date(portal.clock.time.getTime() + 29 * 60_000);
    await agent.get('/respond/confirmation').expect(200);
    portal.clock.time = new Date(portal.clock.time.getTime() + 60_000);
    await agent.get('/respond/confirmation').expect(404);
  });

  test('Finish clears it and says so on the home page', async () => {
    const { agent } = await confirmedVisit();
    const page = await agent.get('/respond/confirmation').expect(200);
    expect(page.text).toContain('Bethan Sion');
    const finished = await agent
      .post('/respond/finish')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) })
      .expect(303);
    expect(finished.headers.location).toBe('/?finished=1');
    expect(finished.headers['set-cookie']![0]).toMatch(/^confirmation=;.*Expires=Thu, 01 Jan 1970/);
    const home = await agent.get(finished.headers.location!).expect(200);
    expect(home.text).toContain('Your response has been cleared from this browser.');
    const after = await agent.get('/respond/confirmation').expect(404);
    expect(after.text).not.toContain('Bethan Sion');
  });

  test("Finish without the form's token is refused and clears nothing", async () => {
    const { agent } = await confirmedVisit();
    await agent.post('/respond/finish').type('form').send({}).expect(403);
    await agent.get('/respond/confirmation').expect(200);
  });
});

describe('a form with mistakes', () => {
  test('is shown again with an error summary, a message at each field, and every value kept', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const response = await postResponse(
      agent,
      csrf,
      validFields({
        respondentType: 'branch',
        name: 'Dafydd "Dai" Jones',
        email: 'not-an-email',
        bodyName: '',
        roleInBody: '',
        constituency: 'wales-wide',
        'answer__health-and-social-care': 'My answer <b>with markup</b>\nand a second line',
        meetingDay: '31',
        meetingMonth: '2',
        meetingYear: '2020',
        consentPrivacy: '',
        consentQuote: '',
      }),
    );
    expect(response.status).toBe(400);
    const html = response.text;
    expect(html).toContain('<title>Error: Respond to the consultation');
    const summary = html.slice(html.indexOf('error-summary'), html.indexOf('</ul>', html.indexOf('error-summary')));
    const linkedFields = [...summary.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
    expect(linkedFields).toEqual([
      'email',
      'bodyName',
      'roleInBody',
      'constituency',
      'meetingDay',
      'consentPrivacy',
      'consentQuote',
    ]);
    expect(html).toContain('Enter an email address in the correct format, like name@example.com');
    expect(html).toContain('A Branch or CLP belongs to a constituency: select it');
    expect(html).toContain('The meeting date must be a real date, like 27 3 2020');
    expect(html).toContain('id="email-error"');
    expect(html).toMatch(/aria-describedby="email-hint email-error"/);

    expect(html).toContain('value="Dafydd &#34;Dai&#34; Jones"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('My answer &lt;b&gt;with markup&lt;/b&gt;\nand a second line</textarea>');
    expect(html).toMatch(/value="branch" checked/);
    expect(html).toMatch(/value="wales-wide" selected/);
    expect(html).toContain('name="meetingDay" type="text" inputmode="numeric" value="31"');
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });

  test('an empty form asks for each required answer', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const response = await postResponse(agent, csrf, {}).expect(400);
    for (const message of [
      'Select who you are responding as',
      'Enter your full name',
      'Enter your email address',
      'Select a constituency, or Wales-wide if you are not based in one',
      'Write a response to a topic paper, write something under “Anything else”, or attach a report',
      'Confirm that you have read the privacy notice and agree to it',
      'Select yes if we may quote your response, or no if we may not',
    ]) {
      expect(response.text).toContain(message);
    }
  });

  test('over-long answers are refused with a message that says what to do, and kept', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const longAnswer = 'a'.repeat(50_001);
    const response = await postResponse(
      agent,
      csrf,
      validFields({ 'answer__health-and-social-care': longAnswer }),
    ).expect(400);
    expect(response.text).toContain(
      'This answer must be 50000 characters or fewer: shorten it, or attach it as a report',
    );
    expect(response.text).toContain(`${longAnswer}</textarea>`);
  });

  test('a valid report stays attached while another field is fixed, then goes with the response', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const first = await postResponse(agent, csrf, validFields({ email: '' }), [
      { name: 'Report.pdf', content: pdfFile() },
      { name: 'Notes.docx', content: docxFile() },
    ]).expect(400);
    expect(first.text).toContain('2 reports are attached');
    expect(first.text).toContain('Remove Report.pdf');
    const heldId = /name="heldId" value="([0-9a-f]{32})"/.exec(first.text)![1]!;
    const notesStoredName = new RegExp(
      'name="removeReport" value="([0-9a-f]{32})">\\s*<label[^>]*>Remove Notes.docx',
    ).exec(first.text)![1]!;

    const second = await postResponse(agent, csrf, validFields({ heldId, removeReport: notesStoredName }));
    expect(second.status).toBe(303);
    const submission = portal.db.prepare('SELECT reference FROM submissions').get() as { reference: string };
    expect(storedSubmission(submission.reference).attachments.map((file) => file.originalName)).toEqual(['Report.pdf']);
    expect(filesUnder(path.join(portal.dataDir, 'tmp'))).toEqual([]);
    expect(filesUnder(uploadsDir())).toHaveLength(1);
  });

  test('another browser cannot claim a holding of kept reports', async () => {
    const first = await openForm(portal.app);
    const shown = await postResponse(first.agent, first.csrf, validFields({ email: '' }), [
      { name: 'Report.pdf', content: pdfFile() },
    ]).expect(400);
    const heldId = /name="heldId" value="([0-9a-f]{32})"/.exec(shown.text)![1]!;

    const other = await openForm(portal.app);
    await postResponse(other.agent, other.csrf, validFields({ heldId })).expect(303);
    const submission = portal.db.prepare('SELECT reference FROM submissions').get() as { reference: string };
    expect(storedSubmission(submission.reference).attachments).toEqual([]);
  });
});

describe('attached reports are checked by their content', () => {
  test.each([
    [
      'an HTML page named .pdf',
      'report.pdf',
      htmlFile(),
      'report.pdf is not a PDF, Word (DOCX or DOC), OpenDocument (ODT), RTF, plain text, JPEG, PNG or HEIC file',
    ],
    ['an executable named .pdf', 'minutes.pdf', exeFile(), 'minutes.pdf is not a PDF, Word (DOCX or DOC)'],
    ['a Word file named .pdf', 'notes.pdf', docxFile(), 'notes.pdf is really a Word file (.docx): rename it to match'],
    ['an empty file', 'empty.pdf', Buffer.alloc(0), 'empty.pdf is empty: attach the report itself'],
  ])('%s is refused, naming the file, and nothing is stored', async (_case, name, content, message) => {
    const { agent, csrf } = await openForm(portal.app);
    const response = await postResponse(agent, csrf, validFields(), [{ name, content }]).expect(400);
    expect(response.text).toContain(message);
    expect(response.text).toContain('value="Carys Evans"');
    expect(countRows(portal.db, 'submissions')).toBe(0);
    expect(filesUnder(uploadsDir())).toEqual([]);
  });

  test('plain text is accepted as text', async () => {
    const { reference } = await submitAndConfirm(validFields(), [
      { name: 'notes.txt', content: Buffer.from('Notes from the meeting: more dentists.\n') },
    ]);
    expect(storedSubmission(reference).attachments[0]!.mediaType).toBe('text/plain');
  });

  test('a file name with a path, control characters and a right-to-left override is cleaned, and never used as a path', async () => {
    const { reference } = await submitAndConfirm(validFields(), [
      { name: '../../etc/evil\u202Efdp.txt', content: Buffer.from('harmless text') },
    ]);
    const [attachment] = storedSubmission(reference).attachments;
    expect(attachment!.originalName).toBe('evilfdp.txt');
    expect(attachment!.storedName).toMatch(/^[0-9a-f]{32}$/);
  });

  test('a file over 10 MB gets a message at the field, and the text typed is kept', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const big = Buffer.concat([pdfFile(), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const response = await postResponse(agent, csrf, validFields({ name: 'Kept Name' }), [
      { name: 'huge.pdf', content: big },
    ]).expect(400);
    expect(response.text).toContain('huge.pdf is larger than 10 MB: attach a smaller file, or split it into parts');
    expect(response.text).toContain('value="Kept Name"');
    expect(countRows(portal.db, 'submissions')).toBe(0);
    expect(filesUnder(incomingDir())).toEqual([]);
  });

  test('six files get a message, and nothing is stored', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const six = Array.from({ length: 6 }, (_, index) => ({ name: `report-${index}.pdf`, content: pdfFile() }));
    const response = await postResponse(agent, csrf, validFields(), six).expect(400);
    expect(response.text).toContain('Attach no more than 5 reports: remove one before adding another');
    expect(response.text).toContain('value="Carys Evans"');
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });
});

describe('protection', () => {
  test('a post without the CSRF token is refused and nothing is stored', async () => {
    const { agent } = await openForm(portal.app);
    const response = await postResponse(agent, null, validFields(), [{ name: 'r.pdf', content: pdfFile() }]).expect(
      403,
    );
    expect(response.text).toContain('Your form has expired');
    expect(countRows(portal.db, 'submissions')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(filesUnder(incomingDir())).toEqual([]);
  });

  test("a token from another browser's visit is refused", async () => {
    const mine = await openForm(portal.app);
    const theirs = await openForm(portal.app);
    await postResponse(mine.agent, theirs.csrf, validFields()).expect(403);
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });

  test('a filled-in honeypot is refused and nothing is stored', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const response = await postResponse(agent, csrf, validFields({ website: 'http://spam.example' })).expect(400);
    expect(response.text).toContain('We could not accept this response');
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });

  test('submissions are rate limited per client, with a page that says why', async () => {
    portal.close();
    portal = createTestPortal({ env: { SUBMISSION_RATE_LIMIT: '2' } });
    const { agent, csrf } = await openForm(portal.app);
    await postResponse(agent, csrf, validFields()).expect(303);
    await postResponse(agent, csrf, validFields()).expect(303);
    const third = await postResponse(agent, csrf, validFields()).expect(429);
    expect(third.text).toContain('Too many responses from your connection');
    expect(countRows(portal.db, 'submissions')).toBe(2);
  });

  test('pages carry a strict content security policy and no inline script or style', async () => {
    const { agent } = await openForm(portal.app);
    for (const url of ['/', '/papers/health-and-social-care', '/guides/event-guide', '/respond', '/privacy']) {
      const page = await agent.get(url).expect(200);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(page.text).not.toMatch(/\sstyle="/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  test('a write that fails part-way leaves no row and no file behind', async () => {
    portal.db.exec(
      "CREATE TRIGGER fail_attachment BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    const originalError = console.error;
    console.error = () => undefined;
    try {
      const { agent, csrf } = await openForm(portal.app);
      const response = await postResponse(agent, csrf, validFields(), [{ name: 'report.pdf', content: pdfFile() }]);
      expect(response.status).toBe(500);
      expect(response.text).toContain('Nothing you sent was stored');
      expect(response.text).not.toContain('disk trouble');
    } finally {
      console.error = originalError;
    }
    expect(countRows(portal.db, 'submissions')).toBe(0);
    expect(countRows(portal.db, 'answers')).toBe(0);
    expect(countRows(portal.db, 'submission_search')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(filesUnder(path.join(portal.dataDir, 'tmp'))).toEqual([]);
    expect(filesUnder(uploadsDir())).toEqual([]);
  });
});
