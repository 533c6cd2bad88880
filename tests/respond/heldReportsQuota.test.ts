import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { pdfDocument } from '../../server/features/demo/pdfDocument';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { escapeHtml, formValues, heldIdIn, keptReportNames, message } from '../support/formPage';
import { waitUntil } from '../support/waitUntil';
import { countRows, csrfTokenIn, openForm, postResponse, validFields, type Attachment } from '../support/respond';

let portal: TestPortal;
afterEach(() => portal.close());

const heldDir = () => path.join(portal.dataDir, 'tmp', 'held');
const holdings = () => fs.readdirSync(heldDir());
/** What the kept reports take on disk, manifests aside. */
const heldReportBytes = () =>
  filesUnder(heldDir())
    .filter((file) => !file.endsWith('manifest.json'))
    .reduce((total, file) => total + fs.statSync(path.join(heldDir(), file)).size, 0);
const formTokenIn = (html: string) => /name="formToken" value="([0-9a-f]{32})"/.exec(html)![1]!;

/** Three reports of about 20 KB each, as a branch secretary's workshop notes might be. */
const threeReports = (owner: string): Attachment[] =>
  ['one', 'two', 'three'].map((part) => ({
    name: `${owner} ${part}.pdf`,
    content: pdfDocument(`${owner} ${part}`, 20 * 1024),
  }));

/** The form with every field right but the privacy box left unticked: it comes back, and its reports are kept. */
const withoutConsent = () => validFields({ consentPrivacy: '' });

describe('what failed forms may keep on disk is bounded', () => {
  test('one client sending failed forms with reports again and again keeps one holding, and then is refused', async () => {
    portal = createTestPortal({ env: { SUBMISSION_RATE_LIMIT: '5' } });
    const { agent, csrf } = await openForm(portal.app);
    // Never sending back the holding's id, as a script would not.
    for (let attempt = 0; attempt < 5; attempt += 1)
      await postResponse(agent, csrf, withoutConsent(), threeReports('Canton')).expect(400);
    const refused = await postResponse(agent, csrf, withoutConsent(), threeReports('Canton')).expect(429);
    expect(refused.text).toContain('Too many responses from your connection');
    expect(holdings()).toHaveLength(1);
    expect(filesUnder(heldDir()).filter((file) => !file.endsWith('manifest.json'))).toHaveLength(3);
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });

  test('one visitor keeps at most ten reports: adding more to those kept is refused, by name', async () => {
    portal = createTestPortal();
    const { agent, csrf } = await openForm(portal.app);
    const six = (owner: string) => [...threeReports(owner), ...threeReports(`${owner} more`)];
    const first = await postResponse(agent, csrf, withoutConsent(), six('First')).expect(400);
    const second = await postResponse(
      agent,
      csrf,
      validFields({ heldId: heldIdIn(first.text)!, formToken: formTokenIn(first.text) }),
      six('Second'),
    ).expect(400);
    expect(keptReportNames(second.text)).toHaveLength(10);
    for (const fileName of ['Second more two.pdf', 'Second more three.pdf']) {
      expect(second.text).toContain(escapeHtml(message('respond.errors.reports.overKeptLimit', { fileName, max: 5 })));
    }
    expect(holdings()).toHaveLength(1);
    expect(filesUnder(heldDir()).filter((file) => !file.endsWith('manifest.json'))).toHaveLength(10);
  });

  test('a form shown again for a correction without files does not count against the limit; one with files does', async () => {
    portal = createTestPortal({ env: { SUBMISSION_RATE_LIMIT: '2' } });
    const { agent, csrf } = await openForm(portal.app);
    for (let attempt = 0; attempt < 4; attempt += 1) await postResponse(agent, csrf, withoutConsent()).expect(400);
    await postResponse(agent, csrf, withoutConsent(), threeReports('Gower')).expect(400);
    await postResponse(agent, csrf, validFields()).expect(303);
    await postResponse(agent, csrf, withoutConsent()).expect(429);
  });

  test('many visitors together keep no more than the setting, the oldest going first, and a genuine response still goes through', async () => {
    const limitBytes = 200 * 1024;
    portal = createTestPortal({ env: { HELD_REPORTS_MAX_MB: String(limitBytes / (1024 * 1024)) } });
    const visitors = [];
    for (let visitor = 0; visitor < 30; visitor += 1) {
      const { agent, csrf } = await openForm(portal.app);
      const shown = await postResponse(agent, csrf, withoutConsent(), threeReports(`Visitor ${visitor}`)).expect(400);
      expect(keptReportNames(shown.text)).toHaveLength(3);
      visitors.push({ agent, csrf, heldId: heldIdIn(shown.text)!, formToken: formTokenIn(shown.text) });
      expect(heldReportBytes()).toBeLessThanOrEqual(limitBytes);
    }
    expect(holdings().length).toBeGreaterThan(1);

    // The first visitor's reports went to make room, and they are told so.
    const first = visitors[0]!;
    const firstAgain = await postResponse(
      first.agent,
      first.csrf,
      validFields({ heldId: first.heldId, formToken: first.formToken }),
    ).expect(400);
    expect(firstAgain.text).toContain(escapeHtml(message('respond.errors.reports.expired')));
    // The last visitor's are still there, and go with the corrected form.
    const last = visitors.at(-1)!;
    await postResponse(last.agent, last.csrf, validFields({ heldId: last.heldId, formToken: last.formToken })).expect(
      303,
    );
    // And someone new sends a response with a report straight away.
    const { agent, csrf } = await openForm(portal.app);
    await postResponse(
      agent,
      csrf,
      validFields({ name: 'Genuine Respondent' }),
      threeReports('Genuine').slice(0, 1),
    ).expect(303);
    const stored = portal.db.prepare('SELECT reference FROM submissions ORDER BY id').pluck().all() as string[];
    expect(stored.map((reference) => portal.services.submissions.find(reference).attachments.length)).toEqual([3, 1]);
  });
});

test('reports that alone are more than all kept reports may take are not kept, and the person is told', async () => {
  portal = createTestPortal({ env: { HELD_REPORTS_MAX_MB: String(30 / 1024) } });
  const { agent, csrf } = await openForm(portal.app);
  const response = await postResponse(agent, csrf, withoutConsent(), threeReports('Wrexham')).expect(400);
  expect(response.text).toContain(escapeHtml(message('respond.errors.reports.notKept')));
  expect(keptReportNames(response.text)).toEqual([]);
  // The files it sent are removed once the reply has gone, as every upload not kept is.
  await waitUntil(() => filesUnder(path.join(portal.dataDir, 'tmp')).length === 0, 'the files not kept to be removed');
});

describe('below the free-space reserve, report files are refused before they are written', () => {
  // More free space than any disk here has: the real statfs of the temp folder says there is too little.
  const beyondAnyDisk = { FREE_SPACE_RESERVE_MB: String(1024 ** 3) };

  test('the form comes back with every field kept, a message naming each report, and no file written', async () => {
    portal = createTestPortal({ env: beyondAnyDisk });
    const { agent, csrf } = await openForm(portal.app);
    const fields = validFields({ name: 'Kept Name', anythingElse: 'Kept text', meetingAttendance: '12' });
    const response = await postResponse(agent, csrf, fields, threeReports('Arfon').slice(0, 2)).expect(400);
    for (const fileName of ['Arfon one.pdf', 'Arfon two.pdf']) {
      expect(response.text).toContain(
        escapeHtml(message('respond.errors.reports.noRoom', { fileName, email: 'welshlabourpolicy@labour.org.uk' })),
      );
    }
    expect(response.text).toContain('href="#reports"');
    expect(formValues(response.text)).toMatchObject({
      name: 'Kept Name',
      anythingElse: 'Kept text',
      meetingAttendance: '12',
      consentPrivacy: 'yes',
    });
    expect(filesUnder(path.join(portal.dataDir, 'tmp'))).toEqual([]);
    expect(filesUnder(path.join(portal.dataDir, 'uploads'))).toEqual([]);
    expect(countRows(portal.db, 'submissions')).toBe(0);

    // Sent without the reports, as the message says, the response is stored.
    await postResponse(agent, csrf, { ...fields, formToken: formTokenIn(response.text) }).expect(303);
    expect(countRows(portal.db, 'submissions')).toBe(1);
  });

  test('the message is in Welsh on the Welsh form', async () => {
    portal = createTestPortal({ env: beyondAnyDisk });
    const agent = request.agent(portal.app);
    const page = await agent.get('/respond?lang=cy').expect(200);
    const response = await postResponse(
      agent,
      csrfTokenIn(page.text),
      validFields(),
      threeReports('Gŵyr').slice(0, 1),
    ).expect(400);
    expect(response.text).toContain(
      escapeHtml(
        message(
          'respond.errors.reports.noRoom',
          { fileName: 'Gŵyr one.pdf', email: 'welshlabourpolicy@labour.org.uk' },
          'cy',
        ),
      ),
    );
  });
});
