import path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createConfig } from '../../server/config';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { pdfFile } from '../support/files';
import { escapeHtml, formValues, heldIdIn } from '../support/formPage';
import { addOfficer, signIn } from '../support/officer';
import { cantonBranchFields, countRows, csrfTokenIn, postResponse, validFields } from '../support/respond';

/** The deadline: the end of Monday 15 June 2020, London time (BST). */
const close = new Date('2020-06-15T23:59:59.999+01:00');
const afterClose = (milliseconds: number) => new Date(close.getTime() + milliseconds);
const minutes = 60 * 1000;

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal({ now: new Date('2020-06-15T23:50:00+01:00') });
});
afterEach(() => portal.close());

/** A browser opens the form: its cookies, its CSRF token, and the form's own hidden fields. */
interface OpenedForm {
  agent: TestAgent;
  csrf: string;
  /** The form's one-time token and the signed stamp of when it was opened. */
  carried: { formToken: string; openedAt: string };
}

async function openFormAt(time: string): Promise<OpenedForm> {
  portal.clock.time = new Date(time);
  const agent = request.agent(portal.app);
  const page = await agent.get('/respond').expect(200);
  const values = formValues(page.text);
  return { agent, csrf: csrfTokenIn(page.text), carried: { formToken: values.formToken!, openedAt: values.openedAt! } };
}

function sendAt(
  time: Date,
  form: OpenedForm,
  fields: Record<string, string | string[]>,
  files: { name: string; content: Buffer }[] = [],
) {
  portal.clock.time = time;
  return postResponse(form.agent, form.csrf, { ...fields, ...form.carried }, files);
}

const storedReferences = () => portal.db.prepare('SELECT reference FROM submissions').pluck().all() as string[];

describe('a response sent after the close from a form opened before it', () => {
  test('is accepted within the grace period, and recorded as sent after the close', async () => {
    const form = await openFormAt('2020-06-15T23:59:58+01:00');
    await sendAt(afterClose(5000), form, validFields()).expect(303).expect('location', '/respond/confirmation');
    const confirmation = await form.agent.get('/respond/confirmation').expect(200);
    const [reference] = storedReferences();
    expect(confirmation.text).toContain(reference);
    expect(portal.services.submissions.find(reference!)).toMatchObject({ channel: 'web', sentAfterClose: true });
    expect(portal.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'receipt'").pluck().get()).toBe(1);
  });

  test('is accepted to the last moment of the grace period, and not after it', async () => {
    const inTime = await openFormAt('2020-06-15T23:55:00+01:00');
    await sendAt(afterClose(60 * minutes), inTime, validFields()).expect(303);
    const tooLate = await openFormAt('2020-06-15T23:55:00+01:00');
    await sendAt(afterClose(60 * minutes + 1), tooLate, validFields()).expect(403);
    expect(storedReferences()).toHaveLength(1);
  });

  test('is marked for the officer on its page, in the list and in the export', async () => {
    const form = await openFormAt('2020-06-15T23:59:00+01:00');
    await sendAt(afterClose(10 * minutes), form, validFields()).expect(303);
    const [reference] = storedReferences();
    await addOfficer(portal);
    const { agent } = await signIn(portal.app);
    expect((await agent.get(`/admin/submissions/${reference}`).expect(200)).text).toContain(
      'Web · sent after the close, in the grace period',
    );
    expect((await agent.get('/admin/submissions').expect(200)).text).toContain(
      'Web, sent after the close, in the grace period',
    );
    const csv = (await agent.get('/admin/exports/responses.csv').expect(200)).text;
    expect(csv).toContain('Received (UK time),Sent after the close,How it came');
    expect(csv).toContain(`${reference},2020-06-16 00:09:59,Yes,Web`);
  });

  test('with a mistake, comes back saying until when it is accepted, and is accepted once fixed', async () => {
    const form = await openFormAt('2020-06-15T23:59:00+01:00');
    const shown = await sendAt(afterClose(20 * minutes), form, validFields({ email: '' })).expect(400);
    expect(shown.text).toContain(
      'The consultation closed at 11:59pm on Monday 15 June 2020. You opened this form before then, so your response will still be accepted if you send it by 12:59am today.',
    );
    // The form carries when it was first opened, not when it was shown again.
    expect(formValues(shown.text).openedAt).toBe(form.carried.openedAt);
    await sendAt(afterClose(30 * minutes), form, validFields()).expect(303);
    expect(storedReferences()).toHaveLength(1);
  });

  test('the grace period is a setting, and can be none', async () => {
    portal.close();
    portal = createTestPortal({
      now: new Date('2020-06-15T23:50:00+01:00'),
      env: { LATE_RESPONSE_GRACE_MINUTES: '0' },
    });
    const form = await openFormAt('2020-06-15T23:59:58+01:00');
    await sendAt(afterClose(1), form, validFields()).expect(403);
    expect(countRows(portal.db, 'submissions')).toBe(0);
    expect(() => createConfig({ LATE_RESPONSE_GRACE_MINUTES: 'an hour' })).toThrow(/LATE_RESPONSE_GRACE_MINUTES/);
  });
});

describe('when the form was opened cannot be forged', () => {
  test.each([
    ['no stamp', (carried: OpenedForm['carried']) => ({ ...carried, openedAt: '' })],
    [
      'a stamp moved earlier',
      (carried: OpenedForm['carried']) => ({
        ...carried,
        openedAt: carried.openedAt.replace(/^\d+/, (time) => String(Number(time) - 3600_000)),
      }),
    ],
    ["another form's stamp", (carried: OpenedForm['carried']) => ({ ...carried, formToken: 'f'.repeat(32) })],
  ])(
    'a form with %s counts as opened when it is sent, so after the close it is not accepted',
    async (_case, tamper) => {
      const form = await openFormAt('2020-06-15T23:59:00+01:00');
      await sendAt(afterClose(5 * minutes), { ...form, carried: tamper(form.carried) }, validFields()).expect(403);
      expect(countRows(portal.db, 'submissions')).toBe(0);
    },
  );
});

describe('a response that cannot be accepted any more', () => {
  const typed = cantonBranchFields({
    name: 'Rhodri "Rhod" Morgan',
    'answer__health-and-social-care': 'Keep the NHS public.\nAnd fund it <properly>.',
    'answer__health-and-social-care__workforce': 'Pay care workers the Real Living Wage.',
    anythingElse: 'Buses to hospitals.',
    meetingDay: '2',
    meetingMonth: '6',
    meetingYear: '2020',
    meetingAttendance: '18',
    consentQuote: 'yes',
  });

  test('shows back everything written, section by section, with where to send it; nothing is stored', async () => {
    const form = await openFormAt('2020-06-15T23:40:00+01:00');
    const page = await sendAt(afterClose(90 * minutes), form, typed, [
      { name: 'Canton workshop.pdf', content: pdfFile() },
    ]).expect(403);
    const html = page.text;
    expect(html).toContain('<h1 class="heading-xl">This consultation has closed</h1>');
    expect(html).toContain(
      'Your response arrived after the consultation closed at 11:59pm on Monday 15 June 2020, so we could not accept it here.',
    );
    expect(html).toContain(
      '<a href="mailto:welshlabourpolicy@labour.org.uk?subject=STAGE%202%20POLICY%20CONSULTATION">welshlabourpolicy@labour.org.uk</a>',
    );
    for (const text of [
      'On behalf of a Branch',
      'Rhodri "Rhod" Morgan',
      'carys@example.org',
      'Canton Branch',
      'Branch Secretary',
      'Cardiff West',
      '2 / 6 / 2020',
      'Health and Social Care',
      'Keep the NHS public.\nAnd fund it <properly>.',
      '3. Investing in our workforce',
      'Pay care workers the Real Living Wage.',
      'Buses to hospitals.',
      'The reports you attached have not been kept',
      'Canton workshop.pdf',
    ]) {
      expect(html).toContain(escapeHtml(text));
    }
    // Read-only text to copy, and a print button that the script shows.
    expect(html).not.toContain('<textarea');
    expect(html).toContain('data-print hidden');
    expect(countRows(portal.db, 'submissions')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(filesUnder(path.join(portal.dataDir, 'tmp'))).toEqual([]);
  });

  test('names the reports kept from an earlier attempt too, and lets them go', async () => {
    const form = await openFormAt('2020-06-15T23:40:00+01:00');
    const shown = await sendAt(afterClose(-5 * minutes), form, validFields({ email: '' }), [
      { name: 'Earlier report.pdf', content: pdfFile() },
    ]).expect(400);
    const page = await sendAt(
      afterClose(2 * 60 * minutes),
      form,
      validFields({ heldId: heldIdIn(shown.text)! }),
    ).expect(403);
    expect(page.text).toContain('Earlier report.pdf');
    expect(filesUnder(path.join(portal.dataDir, 'tmp', 'held'))).toEqual([]);
  });

  test('is shown back in Welsh to someone who reads Welsh', async () => {
    const form = await openFormAt('2020-06-15T23:40:00+01:00');
    await form.agent.get('/?lang=cy').expect(200);
    const page = await sendAt(afterClose(90 * minutes), form, validFields()).expect(403);
    expect(page.text).toContain(
      escapeHtml("Cyrhaeddodd eich ymateb ar ôl i'r ymgynghoriad gau am 11:59yh ddydd Llun 15 Mehefin 2020"),
    );
    expect(page.text).toContain('Dental contract reform should reach rural Gower');
  });
});

describe('in the last 30 minutes before the close', () => {
  test.each([
    [
      'en',
      '2020-06-15T23:35:00+01:00',
      'The consultation closes at 11:59pm tonight: 25 minutes left. Send your response before then.',
    ],
    [
      'cy',
      '2020-06-15T23:35:00+01:00',
      "Mae'r ymgynghoriad yn cau am 11:59yh heno: 25 munud ar ôl. Anfonwch eich ymateb cyn hynny.",
    ],
    ['cy', '2020-06-15T23:58:00+01:00', "Mae'r ymgynghoriad yn cau am 11:59yh heno: 2 funud ar ôl."],
  ])('the form warns how long is left (%s, at %s)', async (language, time, warning) => {
    portal.clock.time = new Date(time);
    const page = await request(portal.app).get(`/respond?lang=${language}`).expect(200);
    expect(page.text).toContain('id="deadline-warning"');
    expect(page.text).toContain(escapeHtml(warning));
  });

  test('and again when it is shown with a mistake to fix', async () => {
    const form = await openFormAt('2020-06-15T23:45:00+01:00');
    const shown = await sendAt(new Date('2020-06-15T23:50:00+01:00'), form, validFields({ email: '' })).expect(400);
    expect(shown.text).toContain('The consultation closes at 11:59pm tonight: 10 minutes left.');
  });

  test('but not before', async () => {
    portal.clock.time = new Date('2020-06-15T23:29:00+01:00');
    const page = await request(portal.app).get('/respond').expect(200);
    expect(page.text).not.toContain('deadline-warning');
  });
});
