import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failFastWhenLocked, openDatabase } from '../../server/platform/db/database';
import type { ResponseContent } from '../../server/submissions/submission';
import { slotsBetween } from '../../server/features/digests/digestSchedule';
import { createTestPortal, type TestPortal } from '../support/testPortal';
import { TestSmtpServer } from '../support/smtp';
import { docxFile, pdfFile } from '../support/files';
import { cantonBranchFields, openForm, postResponse } from '../support/respond';
import { signIn } from '../support/officer';

const fastRetries = { leaseMs: 60_000, firstRetryMs: 1_000, longestRetryMs: 60_000, maxAttempts: 5 };

let smtp: TestSmtpServer;
let dataDir: string;
const portals: TestPortal[] = [];

/** A portal process on the shared data folder, sending through the test SMTP server. */
function startPortal(now = new Date('2020-05-12T10:00:00+01:00'), env: NodeJS.ProcessEnv = {}): TestPortal {
  const portal = createTestPortal({
    now,
    dataDir,
    env: {
      SMTP_URL: smtp.url,
      DIGEST_RECIPIENTS: 'policy.officer@example.org',
      BASE_URL: 'http://consult.example.org',
      ...env,
    },
    services: { deliveryPolicy: fastRetries },
  });
  portals.push(portal);
  return portal;
}

beforeEach(async () => {
  smtp = new TestSmtpServer();
  await smtp.start();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-mail-'));
});

afterEach(async () => {
  for (const portal of portals.splice(0)) {
    portal.services.transport.close();
    portal.close();
  }
  await smtp.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const response = (overrides: Partial<ResponseContent> = {}): ResponseContent => ({
  respondentType: 'individual',
  name: 'Nia Griffiths',
  email: 'nia@example.org',
  bodyName: null,
  roleInBody: null,
  constituency: 'llanelli',
  answers: [{ paper: 'health-and-social-care', section: null, body: 'Community pharmacies should do more.' }],
  anythingElse: null,
  meetingDate: null,
  meetingAttendance: null,
  consentToQuote: false,
  ...overrides,
});

let tokens = 0;
const submit = (portal: TestPortal, overrides: Partial<ResponseContent> = {}) => {
  tokens += 1;
  return portal.services.submissions.submit(response(overrides), [], 'en', tokens.toString(16).padStart(32, '0'));
};
const outboxStatus = (portal: TestPortal) =>
  portal.db.prepare('SELECT status, attempts, last_error AS lastError FROM outbox ORDER BY id').all();

describe('receipts', () => {
  test('carry the reference and a readable copy of everything sent, in HTML and plain text', async () => {
    const portal = startPortal();
    const form = await openForm(portal.app);
    await postResponse(
      form.agent,
      form.csrf,
      cantonBranchFields({
        'answer__health-and-social-care__workforce': 'Pay care workers for travel time.',
        anythingElse: 'Buses to hospital.',
      }),
      [
        { name: 'Workshop report.pdf', content: pdfFile() },
        { name: 'Notes.docx', content: docxFile() },
      ],
    ).expect(303);
    const reference = portal.db.prepare('SELECT reference FROM submissions').pluck().get() as string;
    await portal.services.delivery.deliverDue();

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.subject).toBe(`STAGE 2 POLICY CONSULTATION: your response ${reference}`);
    expect(mail!.to).toMatchObject({ text: 'carys@example.org' });
    for (const part of [mail!.text!, mail!.html as string]) {
      expect(part).toContain(reference);
      expect(part).toContain('Canton Branch');
      expect(part).toContain('Branch Secretary');
      expect(part).toContain('Cardiff West');
      expect(part).toContain('Investing in our workforce');
      expect(part).toContain('Pay care workers for travel time.');
      expect(part).toContain('Buses to hospital.');
      expect(part).toMatch(/Workshop report\.pdf \(\d+(\.\d)? (KB|bytes)\)/);
      expect(part).toContain('Notes.docx');
    }
    expect(mail!.messageId).toBe(portal.db.prepare('SELECT message_id FROM outbox').pluck().get());
    expect(outboxStatus(portal)).toEqual([{ status: 'sent', attempts: 1, lastError: null }]);
  });

  test('come from MAIL_FROM, with replies going to the Policy Officer, or to MAIL_REPLY_TO when it is set', async () => {
    const portal = startPortal();
    await submit(portal);
    await portal.services.delivery.deliverDue();
    expect(smtp.received[0]!.from?.value).toEqual([{ name: 'Policy Consultation', address: 'noreply@localhost' }]);
    expect(smtp.received[0]!.replyTo?.value).toEqual([{ name: '', address: 'welshlabourpolicy@labour.org.uk' }]);
    const configured = startPortal(undefined, {
      MAIL_FROM: 'Welsh Labour Policy <policy@example.org>',
      MAIL_REPLY_TO: 'replies@example.org',
    });
    await submit(configured);
    await configured.services.delivery.deliverDue();
    expect(smtp.received[1]!.from?.value).toEqual([{ name: 'Welsh Labour Policy', address: 'policy@example.org' }]);
    expect(smtp.received[1]!.replyTo?.value).toEqual([{ name: '', address: 'replies@example.org' }]);
  });

  test('in Welsh, carry the consultation’s Welsh name in the subject', async () => {
    const portal = startPortal();
    tokens += 1;
    const reference = await portal.services.submissions.submit(
      response(),
      [],
      'cy',
      tokens.toString(16).padStart(32, '0'),
    );
    await portal.services.delivery.deliverDue();
    expect(smtp.received[0]!.subject).toBe(`YMGYNGHORIAD POLISI CAM 2: eich ymateb ${reference}`);
  });

  test('escape what the respondent typed in the HTML part', async () => {
    const portal = startPortal();
    await submit(portal, {
      name: '<img src=x onerror=alert(1)>',
      answers: [{ paper: 'health-and-social-care', section: null, body: '<script>alert("x")</script>' }],
    });
    await portal.services.delivery.deliverDue();
    const html = smtp.received[0]!.html as string;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
    expect(smtp.received[0]!.text).toContain('<script>alert("x")</script>');
  });

  test('are optional for a response an officer enters from a letter', async () => {
    const portal = startPortal();
    const provenance = {
      channel: 'post' as const,
      receivedOn: '2020-05-11',
      language: 'en',
      actor: { officerId: null, name: 'test' },
    };
    await portal.services.submissions.recordOffline(response(), [], {
      ...provenance,
      sendReceipt: false,
      formToken: 'a'.repeat(32),
    });
    await portal.services.submissions.recordOffline(response(), [], {
      ...provenance,
      sendReceipt: true,
      formToken: 'b'.repeat(32),
    });
    await portal.services.delivery.deliverDue();
    expect(smtp.received).toHaveLength(1);
  });
});

describe('delivery that never loses a message and sends it once', () => {
  test('SMTP down, then up: exactly one delivery', async () => {
    const portal = startPortal();
    const { port } = smtp;
    await smtp.stop();
    await submit(portal);
    await portal.services.delivery.deliverDue();
    expect(outboxStatus(portal)).toEqual([{ status: 'pending', attempts: 1, lastError: expect.any(String) }]);
    await smtp.start(port);
    await portal.services.delivery.deliverDue();
    expect(smtp.received).toHaveLength(0);
    portal.clock.time = new Date(portal.clock.time.getTime() + 1_000);
    await portal.services.delivery.deliverDue();
    await portal.services.delivery.deliverDue();
    expect(smtp.received).toHaveLength(1);
    expect(outboxStatus(portal)).toEqual([{ status: 'sent', attempts: 2, lastError: null }]);
  });

  test('a crash between queueing and sending: exactly one delivery after the restart', async () => {
    const before = startPortal();
    await submit(before);
    before.close();
    portals.splice(portals.indexOf(before), 1);

    const after = startPortal();
    await after.services.delivery.deliverDue();
    await after.services.delivery.deliverDue();
    expect(smtp.received).toHaveLength(1);
  });

  test('a crash while sending: the message waits out the dead worker’s lease, then goes once, with the same Message-ID', async () => {
    const before = startPortal();
    await submit(before);
    const claimed = before.services.outbox.claimNextDue(before.clock.now(), fastRetries.leaseMs);
    expect(claimed).not.toBeNull();
    before.close();
    portals.splice(portals.indexOf(before), 1);

    const after = startPortal();
    await after.services.delivery.deliverDue();
    expect(smtp.received).toHaveLength(0);
    after.clock.time = new Date(after.clock.time.getTime() + fastRetries.leaseMs);
    await after.services.delivery.deliverDue();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.messageId).toBe(claimed!.messageId);
  });

  test('a crash while sending, then the server’s start releases the dead run’s claim: the message goes at once, once, with the same Message-ID', async () => {
    const before = startPortal();
    await submit(before);
    const claimed = before.services.outbox.claimNextDue(before.clock.now(), fastRetries.leaseMs);
    before.close();
    portals.splice(portals.indexOf(before), 1);

    const after = startPortal();
    expect(after.services.outbox.releaseClaims()).toBe(1);
    await after.services.delivery.deliverDue();
    await after.services.delivery.deliverDue();
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([claimed!.messageId]);
    expect(outboxStatus(after)).toEqual([{ status: 'sent', attempts: 2, lastError: null }]);
  });

  test('stopping the worker lets the message being sent go, and starts no other', async () => {
    const portal = startPortal(undefined, { DIGEST_RECIPIENTS: '' });
    await submit(portal);
    await submit(portal);
    smtp.holdReplies();
    const arrived = smtp.nextArrival();
    portal.services.mailWorker.start();
    await arrived;
    const stopped = portal.services.mailWorker.stop();
    smtp.releaseReplies();
    await stopped;
    expect(smtp.received).toHaveLength(1);
    expect(outboxStatus(portal)).toEqual([
      { status: 'sent', attempts: 1, lastError: null },
      { status: 'pending', attempts: 0, lastError: null },
    ]);
  });

  test('stopping the worker by a deadline that passes mid-delivery stops waiting, and leaves the message claimed for the next start to send again', async () => {
    const portal = startPortal(undefined, { DIGEST_RECIPIENTS: '' });
    await submit(portal);
    smtp.holdReplies();
    const arrived = smtp.nextArrival();
    portal.services.mailWorker.start();
    await arrived;
    const deadline = new AbortController();
    const stopped = portal.services.mailWorker.stop(deadline.signal);
    deadline.abort();
    await expect(stopped).resolves.toBe(false);
    expect(outboxStatus(portal)).toEqual([{ status: 'sending', attempts: 1, lastError: null }]);
    smtp.releaseReplies();
    // In the server the process ends here; the test lets the delivery finish before closing the database.
    await expect(portal.services.mailWorker.stop()).resolves.toBe(true);
  });

  test('a poll with nothing due needs no write lock, so another process holding one does not fail it', async () => {
    const portal = startPortal(undefined, { DIGEST_RECIPIENTS: '' });
    await submit(portal);
    await portal.services.mailWorker.runOnce();
    failFastWhenLocked(portal.db);
    const otherProcess = openDatabase(path.join(dataDir, 'portal.db'));
    try {
      otherProcess.exec('BEGIN EXCLUSIVE');
      await expect(portal.services.mailWorker.runOnce()).resolves.toBeUndefined();
    } finally {
      otherProcess.close();
    }
  });

  test('an address the server refuses is marked undeliverable and shown to the officer, without retrying', async () => {
    const portal = startPortal();
    smtp.refusedRecipients.add('nobody@example.org');
    const reference = await submit(portal, { email: 'nobody@example.org' });
    await portal.services.delivery.deliverDue();
    expect(outboxStatus(portal)).toEqual([
      { status: 'failed', attempts: 1, lastError: expect.stringContaining('No such mailbox') },
    ]);
    expect(portal.services.outbox.undeliverableReceipts()).toEqual([
      { reference, recipient: 'nobody@example.org', lastError: expect.any(String) },
    ]);
    const digest = portal.services.digests.preview('en');
    expect(digest.text).toContain(`The receipt for ${reference} could not be delivered to nobody@example.org.`);
  });
});

describe('the digest schedule, in London time', () => {
  const settings = { hour: 8, weekday: 1, dailyForDays: 7 };

  test('weekly on Monday at 08:00 across the change to BST, daily in the final week, then closes tomorrow and the closing summary', () => {
    const window = { opensAt: new Date('2020-03-16T00:00:00Z'), closesAt: new Date('2020-06-15T22:59:59.999Z') };
    const slots = slotsBetween(window, settings, new Date('2020-03-20T00:00:00Z'), new Date('2020-06-17T00:00:00Z'));
    const weekly = slots.filter((slot) => slot.kind === 'weekly').map((slot) => slot.at.toISOString());
    expect(weekly.slice(0, 2)).toEqual(['2020-03-23T08:00:00.000Z', '2020-03-30T07:00:00.000Z']);
    expect(weekly.at(-1)).toBe('2020-06-08T07:00:00.000Z');
    expect(slots.filter((slot) => slot.kind === 'daily').map((slot) => slot.slot)).toEqual([
      'daily 2020-06-09',
      'daily 2020-06-10',
      'daily 2020-06-11',
      'daily 2020-06-12',
      'daily 2020-06-13',
      'daily 2020-06-14',
      'daily 2020-06-15',
    ]);
    expect(
      slots
        .filter((slot) => !['weekly', 'daily'].includes(slot.kind))
        .map((slot) => [slot.kind, slot.at.toISOString()]),
    ).toEqual([
      ['closes-tomorrow', '2020-06-14T22:59:59.999Z'],
      ['closing-summary', '2020-06-15T23:04:59.999Z'],
    ]);
    expect(slots.at(-1)!.kind).toBe('closing-summary');
  });

  test('and back to GMT in October', () => {
    const window = { opensAt: new Date('2020-10-01T00:00:00Z'), closesAt: new Date('2020-12-31T23:59:59.999Z') };
    const weekly = slotsBetween(window, settings, new Date('2020-10-15T00:00:00Z'), new Date('2020-10-27T00:00:00Z'));
    expect(weekly.map((slot) => slot.at.toISOString())).toEqual([
      '2020-10-19T07:00:00.000Z',
      '2020-10-26T08:00:00.000Z',
    ]);
  });
});

describe('digests', () => {
  const mondayMorning = new Date('2020-05-11T08:00:00+01:00');

  test('list each new submission with a link, totals, coverage and what needs attention', async () => {
    const portal = startPortal(new Date('2020-05-10T12:00:00+01:00'));
    const reference = await submit(portal, {
      respondentType: 'clp',
      name: 'Sian Lewis',
      bodyName: 'Gower CLP',
      roleInBody: 'Secretary',
      constituency: 'gower',
      answers: [
        {
          paper: 'health-and-social-care',
          section: 'workforce',
          body: 'Pay care workers properly, and train more district nurses in every health board across Wales now please.',
        },
      ],
    });
    portal.db.prepare("UPDATE submissions SET status = 'flagged' WHERE reference = ?").run(reference);
    portal.clock.time = mondayMorning;
    const digest = portal.services.digests.makeDue();
    expect(digest).toMatchObject({ kind: 'weekly', slot: 'weekly 2020-05-11', late: false, newSubmissions: 1 });
    await portal.services.delivery.deliverDue(100);
    const receipts = smtp.received.filter((mail) => mail.subject?.includes('your response'));
    const [mail] = smtp.received.filter((message) => !receipts.includes(message));
    expect(mail!.subject).toBe('STAGE 2 POLICY CONSULTATION: weekly digest, 1 new response');
    expect(mail!.to).toMatchObject({ text: 'policy.officer@example.org' });
    expect(mail!.html).toContain(`href="http://consult.example.org/admin/submissions/${reference}"`);
    expect(mail!.text).toContain(`${reference} · Sian Lewis · CLP: Gower CLP · Gower`);
    expect(mail!.text).toContain('Health and Social Care');
    expect(mail!.text).toContain('"Pay care workers properly');
    expect(mail!.text).toContain('Heard from 1 of 40 constituencies'.toUpperCase());
    expect(mail!.text).toContain('Not yet heard from: Aberavon, Aberconwy');
    expect(mail!.text).toContain(`${reference} is flagged: Sian Lewis`);
  });

  test('show the first few flagged responses and link to the rest, in the text and the HTML', async () => {
    const portal = startPortal();
    const references: string[] = [];
    for (let n = 0; n < 99; n += 1) references.push(await submit(portal, { name: `Flagged ${n}` }));
    const flag = portal.db.prepare("UPDATE submissions SET status = 'flagged' WHERE reference = ?");
    for (const reference of references) flag.run(reference);

    const { text, html } = portal.services.digests.preview('en');
    for (const [n, reference] of references.slice(0, 5).entries())
      expect(text).toContain(`${reference} is flagged: Flagged ${n}`);
    expect(text).not.toContain('is flagged: Flagged 5');
    expect(text).toContain('and 94 more: see them all http://consult.example.org/admin/submissions?status=flagged');
    expect(html.match(/is flagged: Flagged/g)).toHaveLength(5);
    expect(html).toContain(
      '<a href="http://consult.example.org/admin/submissions?status=flagged" style="color:#1d4f91;">and 94 more: see them all</a>',
    );
  });

  test('are made once per slot: calling again, or restarting, sends nothing more', async () => {
    const first = startPortal(mondayMorning);
    await submit(first);
    expect(first.services.digests.makeDue()).not.toBeNull();
    expect(first.services.digests.makeDue()).toBeNull();
    const restarted = startPortal(new Date(mondayMorning.getTime() + 60_000));
    expect(restarted.services.digests.makeDue()).toBeNull();
    expect(first.db.prepare('SELECT count(*) FROM digests').pluck().get()).toBe(1);
  });

  test('a slot missed while the server was down is sent once, late, and never as a burst of catch-ups', async () => {
    const portal = startPortal(new Date('2020-05-04T08:00:00+01:00'));
    await submit(portal);
    expect(portal.services.digests.makeDue()).toMatchObject({ slot: 'weekly 2020-05-04', late: false });
    await submit(portal);
    portal.clock.time = new Date('2020-05-20T10:00:00+01:00');
    expect(portal.services.digests.makeDue()).toMatchObject({
      slot: 'weekly 2020-05-18',
      late: true,
      newSubmissions: 1,
    });
    expect(portal.services.digests.makeDue()).toBeNull();
    expect(portal.db.prepare('SELECT slot FROM digests ORDER BY id').pluck().all()).toEqual([
      'weekly 2020-05-04',
      'weekly 2020-05-18',
    ]);
  });

  test('with nothing new: skipped in an ordinary week, but sent in the final week, saying so', async () => {
    const portal = startPortal(mondayMorning);
    expect(portal.services.digests.makeDue()).toMatchObject({ kind: 'weekly', skipped: true });
    portal.clock.time = new Date('2020-06-10T08:00:00+01:00');
    expect(portal.services.digests.makeDue()).toMatchObject({ kind: 'daily', skipped: false, newSubmissions: 0 });
    await portal.services.delivery.deliverDue();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.text).toContain('Nothing new since the last digest');
    expect(smtp.received[0]!.subject).toBe('STAGE 2 POLICY CONSULTATION: daily digest, 0 new responses');
  });

  test('two workers on one database send each digest once', async () => {
    const one = startPortal(mondayMorning);
    const two = startPortal(mondayMorning);
    await submit(one);
    await Promise.all([one.services.mailWorker.runOnce(), two.services.mailWorker.runOnce()]);
    await Promise.all([one.services.mailWorker.runOnce(), two.services.mailWorker.runOnce()]);
    const digests = smtp.received.filter((mail) => mail.subject?.includes('digest'));
    expect(digests).toHaveLength(1);
    expect(smtp.received).toHaveLength(2);
    expect(one.db.prepare('SELECT count(*) FROM digests').pluck().get()).toBe(1);
  });

  test('go to the configured addresses and to officers who opt in, but not to disabled ones', async () => {
    const portal = startPortal(mondayMorning);
    await portal.services.officers.add('opted.in@example.org', 'a long enough password');
    await portal.services.officers.add('left@example.org', 'a long enough password');
    portal.db.prepare('UPDATE officers SET wants_digest = 1').run();
    portal.services.officers.setDisabled('left@example.org', true);
    expect(portal.services.digests.recipients()).toEqual([
      { address: 'policy.officer@example.org', language: 'en' },
      { address: 'opted.in@example.org', language: 'en' },
    ]);
  });

  test('go in Welsh to an officer who opted in from the Welsh Digests page, and in English to DIGEST_RECIPIENTS', async () => {
    const portal = startPortal(new Date('2020-05-10T12:00:00+01:00'));
    await portal.services.officers.add('swyddog@example.org', 'a long enough password');
    const { agent, csrf } = await signIn(portal.app, 'swyddog@example.org', 'a long enough password');
    await agent.get('/admin/digests?lang=cy').expect(200);
    // What the page's "Anfon y crynodebau ataf i hefyd" posts.
    await agent
      .post('/admin/digests/subscription')
      .type('form')
      .send({ _csrf: csrf, wantsDigest: 'yes', language: 'cy' })
      .expect(303);
    const reference = await submit(portal, { name: 'Sian Lewis', constituency: 'gower' });
    portal.clock.time = mondayMorning;
    portal.services.digests.makeDue();
    await portal.services.delivery.deliverDue(100);

    const digestTo = (address: string) =>
      smtp.received.find((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address)!;
    const welsh = digestTo('swyddog@example.org');
    expect(welsh.subject).toBe('YMGYNGHORIAD POLISI CAM 2: crynodeb wythnosol, 1 ymateb newydd');
    expect(welsh.html).toContain('<html lang="cy">');
    for (const part of [welsh.text!, welsh.html as string]) {
      expect(part).toMatch(/Crynodeb wythnosol/i);
      expect(part).toContain(`${reference}`);
      expect(part).toContain('Sian Lewis · Unigolyn · Gŵyr');
      expect(part).toContain('Ar agor ar gyfer ymatebion tan 11:59yh ddydd Llun 15 Mehefin 2020');
      expect(part).toContain('Heb glywed gan y rhain eto: Aberafan, Aberconwy');
      expect(part).not.toMatch(/new response|Not yet heard|Aberavon/);
    }
    const english = digestTo('policy.officer@example.org');
    expect(english.subject).toBe('STAGE 2 POLICY CONSULTATION: weekly digest, 1 new response');
    expect(english.text).toContain('Sian Lewis · Individual · Gower');
    expect(english.text).toContain('Not yet heard from: Aberavon, Aberconwy');
    expect(
      portal.db.prepare("SELECT recipient, language FROM outbox WHERE kind = 'digest' ORDER BY recipient").all(),
    ).toEqual([
      { recipient: 'policy.officer@example.org', language: 'en' },
      { recipient: 'swyddog@example.org', language: 'cy' },
    ]);
  });

  test('go to DIGEST_RECIPIENTS in Welsh when DIGEST_LANGUAGE is cy, and to an officer among them in the language they chose', async () => {
    const portal = startPortal(mondayMorning, {
      DIGEST_RECIPIENTS: 'policy.officer@example.org, swyddog@example.org',
      DIGEST_LANGUAGE: 'cy',
    });
    await portal.services.officers.add('swyddog@example.org', 'a long enough password');
    portal.services.officers.setDigestLanguage(portal.services.officers.list()[0]!, 'en');
    expect(portal.services.digests.recipients()).toEqual([
      { address: 'policy.officer@example.org', language: 'cy' },
      { address: 'swyddog@example.org', language: 'en' },
    ]);
    portal.services.digests.makeNow({ officerId: null, name: 'test' });
    await portal.services.delivery.deliverDue();
    expect(smtp.received.map((mail) => mail.subject).sort()).toEqual([
      'STAGE 2 POLICY CONSULTATION: digest, 0 new responses',
      'YMGYNGHORIAD POLISI CAM 2: crynodeb, dim ymatebion newydd',
    ]);
  });

  test('DIGEST_LANGUAGE is en or cy, and says so', () => {
    expect(() => startPortal(mondayMorning, { DIGEST_LANGUAGE: 'welsh' })).toThrow(
      'DIGEST_LANGUAGE must be en (English) or cy (Welsh)',
    );
  });
});
