import path from 'node:path';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { docxFile, pdfFile } from '../support/files';
import { errorSummary, escapeHtml, formValues, heldIdIn, keptReportNames } from '../support/formPage';
import { addOfficer, signIn } from '../support/officer';
import { cantonBranchFields, countRows, openForm, postResponse } from '../support/respond';
import { freezeFolder, lockDatabase, withoutErrorLog } from '../support/storageFaults';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

const notStored =
  'This response could not be stored just now. The problem is ours, not yours, and everything is still here: send it again in a minute.';

const typed = cantonBranchFields({
  name: 'Rhodri "Rhod" Morgan',
  'answer__health-and-social-care': 'Keep the NHS public.\nAnd fund it <properly>.',
  'answer__health-and-social-care__workforce': 'Pay care workers the Real Living Wage.',
  anythingElse: 'Buses to hospitals.',
  meetingDay: '2',
  meetingMonth: '5',
  meetingYear: '2020',
  meetingAttendance: '18',
  consentQuote: 'yes',
});

/** What the form shows for each field sent, escaped as the markup has it. */
function expectEveryFieldKept(html: string, fields: Record<string, string | string[]>): void {
  const shown = formValues(html);
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'website' || value === '') continue;
    expect({ field, value: shown[field] }).toEqual({ field, value: escapeHtml(String(value)) });
  }
}

describe('when the database cannot be written (locked by another process)', () => {
  test('the form comes back with every field and report kept, saying the problem is ours; sent again, it is stored', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const release = lockDatabase(portal);
    let shown;
    try {
      shown = await postResponse(agent, csrf, typed, [
        { name: 'Canton workshop.pdf', content: pdfFile() },
        { name: 'Canton notes.docx', content: docxFile() },
      ]).expect(503);
    } finally {
      release();
    }
    expect(errorSummary(shown.text)).toContain(notStored);
    expect(shown.text).toContain('<title>Error: Respond to the consultation');
    expect(shown.text).not.toContain('We could not read what was sent');
    expectEveryFieldKept(shown.text, typed);
    expect(keptReportNames(shown.text)).toEqual(['Canton workshop.pdf', 'Canton notes.docx']);
    expect(countRows(portal.db, 'submissions')).toBe(0);

    const page = formValues(shown.text);
    await postResponse(agent, csrf, {
      ...typed,
      heldId: heldIdIn(shown.text)!,
      formToken: page.formToken!,
      openedAt: page.openedAt!,
    }).expect(303);
    const reference = portal.db.prepare('SELECT reference FROM submissions').pluck().get() as string;
    const stored = portal.services.submissions.find(reference);
    expect(stored.attachments.map((file) => file.originalName)).toEqual(['Canton workshop.pdf', 'Canton notes.docx']);
    expect(stored.answers.map((answer) => answer.body)).toEqual([
      'Keep the NHS public.\nAnd fund it <properly>.',
      'Pay care workers the Real Living Wage.',
    ]);
    expect(filesUnder(path.join(portal.dataDir, 'tmp'))).toEqual([]);
  });

  test('if the reports cannot be kept either, it says to attach them again, and keeps every field', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const release = lockDatabase(portal);
    const thaw = freezeFolder(portal.services.attachments.heldDir);
    let shown;
    try {
      shown = await withoutErrorLog(() =>
        postResponse(agent, csrf, typed, [{ name: 'Canton workshop.pdf', content: pdfFile() }]).expect(503),
      );
    } finally {
      thaw();
      release();
    }
    expect(errorSummary(shown.text)).toContain(notStored);
    expect(errorSummary(shown.text)).toContain(
      'Your reports could not be kept while you correct the form: attach them again when you send it',
    );
    expect(heldIdIn(shown.text)).toBeUndefined();
    expectEveryFieldKept(shown.text, typed);
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });
});

test("the officer's entry form keeps everything too when the database cannot be written", async () => {
  await addOfficer(portal);
  const { agent, csrf } = await signIn(portal.app);
  const fields: Record<string, string> = {
    channel: 'post',
    receivedDay: '3',
    receivedMonth: '5',
    receivedYear: '2020',
    language: 'cy',
    respondentType: 'branch',
    name: 'Megan Lloyd',
    bodyName: 'Caernarfon Branch',
    roleInBody: 'Ysgrifennydd',
    constituency: 'arfon',
    'answer__health-and-social-care': 'Mwy o ddeintyddion yn Arfon.',
    consentQuote: 'yes',
  };
  let post = agent.post('/admin/entries').field('_csrf', csrf);
  for (const [name, value] of Object.entries(fields)) post = post.field(name, value);
  const release = lockDatabase(portal);
  let shown;
  try {
    shown = await post.attach('reports', pdfFile('Scanned letter'), 'letter.pdf').expect(503);
  } finally {
    release();
  }
  expect(errorSummary(shown.text)).toContain(notStored);
  expectEveryFieldKept(shown.text, fields);
  expect(keptReportNames(shown.text)).toEqual(['letter.pdf']);
  expect(countRows(portal.db, 'submissions')).toBe(0);
});

test("the officer's pages still arrive while the database cannot be written: keeping the session alive waits for the next request", async () => {
  await addOfficer(portal);
  const { agent } = await signIn(portal.app);
  const release = lockDatabase(portal);
  try {
    await agent.get('/admin/submissions').expect(200);
  } finally {
    release();
  }
});
