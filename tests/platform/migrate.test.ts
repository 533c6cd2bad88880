import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config';
import { openDatabase, type Db } from '../../server/platform/db/database';
import { migrate } from '../../server/platform/db/migrate';
import { deliveredReceipt } from '../support/receipts';
import { createTestPortal, duringConsultation } from '../support/testPortal';
import { noFilter } from '../support/filters';

/** A database with the migrations before `version` (such as '0006'), as a portal of that time left it. */
function databaseBefore(dir: string, version: string): Db {
  const earlierMigrations = path.join(dir, 'migrations');
  fs.mkdirSync(earlierMigrations);
  for (const name of fs.readdirSync(path.join(projectRoot, 'migrations')).filter((file) => file < version)) {
    fs.copyFileSync(path.join(projectRoot, 'migrations', name), path.join(earlierMigrations, name));
  }
  const db = openDatabase(path.join(dir, 'portal.db'));
  migrate(db, earlierMigrations);
  return db;
}

/**
 * Stores a response as the portal did before migration 0009, with its search entry keyed by its id;
 * the repository of today writes columns that did not exist then.
 */
function storeAsBefore0009(
  db: Db,
  response: { reference: string; name: string; receivedAt: string; answers: string[]; anythingElse?: string },
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO submissions (reference, consultation, channel, language, respondent_type, name, email, constituency,
           anything_else, consent_privacy, consent_quote, received_at, received_day, created_at)
         VALUES (?, 'stage-2', 'web', 'en', 'individual', ?, 'megan@example.org', 'cardiff-west', ?, 1, 1, ?, substr(?, 1, 10), ?)`,
      )
      .run(
        response.reference,
        response.name,
        response.anythingElse ?? null,
        response.receivedAt,
        response.receivedAt,
        response.receivedAt,
      ).lastInsertRowid,
  );
  for (const body of response.answers) {
    db.prepare(
      "INSERT INTO answers (submission_id, paper, section, body) VALUES (?, 'health-and-social-care', NULL, ?)",
    ).run(id, body);
  }
  const searchable = [...response.answers, response.anythingElse ?? ''].join('\n\n');
  db.prepare("INSERT INTO submission_search (rowid, name, body_name, answers) VALUES (?, ?, '', ?)").run(
    id,
    response.name,
    searchable,
  );
  return id;
}

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-migrate-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('are applied once, in order, and recorded; the database is in WAL mode with foreign keys on', () => {
    const db = openDatabase(path.join(dir, 'portal.db'));
    const migrationsDir = path.join(projectRoot, 'migrations');
    expect(migrate(db, migrationsDir)).toEqual(fs.readdirSync(migrationsDir).sort());
    expect(migrate(db, migrationsDir)).toEqual([]);
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
      fs.readdirSync(migrationsDir).sort(),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  test('a failing migration leaves nothing of itself behind', () => {
    const migrationsDir = path.join(dir, 'migrations');
    fs.mkdirSync(migrationsDir);
    fs.writeFileSync(path.join(migrationsDir, '0001_good.sql'), 'CREATE TABLE good (id INTEGER PRIMARY KEY);');
    fs.writeFileSync(
      path.join(migrationsDir, '0002_bad.sql'),
      'CREATE TABLE half (id INTEGER); SELECT * FROM missing_table;',
    );
    const db = openDatabase(path.join(dir, 'portal.db'));
    expect(() => migrate(db, migrationsDir)).toThrow(/missing_table/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('good');
    expect(tables).not.toContain('half');
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    db.close();
  });

  test('receipts queued before they were written at sending time lose their stored copy, are still sent, and digests keep theirs', async () => {
    const db = databaseBefore(dir, '0006');
    const submissionId = storeAsBefore0009(db, {
      reference: 'S2-AAAA-BBBB',
      name: 'Megan Lloyd',
      receivedAt: duringConsultation.toISOString(),
      answers: ['Care workers deserve NHS pay.'],
    });
    const digestId = db
      .prepare(
        "INSERT INTO digests (slot, kind, scheduled_for, created_at, late, last_submission_id, new_submissions) VALUES ('manual x', 'manual', ?, ?, 0, ?, 1)",
      )
      .run(duringConsultation.toISOString(), duringConsultation.toISOString(), submissionId).lastInsertRowid;
    const queue =
      db.prepare(`INSERT INTO outbox (message_id, kind, submission_id, digest_id, recipient, subject, text_body, html_body, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const now = duringConsultation.toISOString();
    queue.run(
      '<receipt@localhost>',
      'receipt',
      submissionId,
      null,
      'megan@example.org',
      'Old subject',
      'Old text',
      '<p>Old text</p>',
      now,
      now,
    );
    queue.run(
      '<digest@localhost>',
      'digest',
      null,
      digestId,
      'policy@example.org',
      'Digest subject',
      'Digest text',
      '<p>Digest text</p>',
      now,
      now,
    );
    db.close();

    const portal = createTestPortal({ dataDir: dir });
    try {
      expect(portal.db.prepare('SELECT kind, subject, text_body AS text FROM outbox ORDER BY id').all()).toEqual([
        { kind: 'receipt', subject: null, text: null },
        { kind: 'digest', subject: 'Digest subject', text: 'Digest text' },
      ]);
      const receipt = await deliveredReceipt(portal, submissionId);
      expect(receipt.messageId).toBe('<receipt@localhost>');
      expect(receipt.text).toContain('S2-AAAA-BBBB');
      expect(receipt.text).toContain('Care workers deserve NHS pay.');
    } finally {
      portal.close();
    }
  });

  test('digests sent before they recorded whom they mention lose their words; one still waiting keeps them and goes', () => {
    const db = databaseBefore(dir, '0007');
    storeAsBefore0009(db, {
      reference: 'S2-AAAA-BBBB',
      name: 'Megan Lloyd',
      receivedAt: duringConsultation.toISOString(),
      answers: ['Care workers deserve NHS pay.'],
    });
    const now = duringConsultation.toISOString();
    const digest = db.prepare(
      "INSERT INTO digests (slot, kind, scheduled_for, created_at, late, last_submission_id, new_submissions) VALUES (?, 'manual', ?, ?, 0, 1, 1)",
    );
    const queue =
      db.prepare(`INSERT INTO outbox (message_id, kind, digest_id, recipient, subject, text_body, html_body, status, next_attempt_at, created_at)
      VALUES (?, 'digest', ?, 'policy@example.org', 'Digest subject', 'Megan Lloyd: Care workers deserve NHS pay.', '<p>Megan Lloyd</p>', ?, ?, ?)`);
    queue.run('<sent@localhost>', digest.run('manual 1', now, now).lastInsertRowid, 'sent', now, now);
    queue.run('<waiting@localhost>', digest.run('manual 2', now, now).lastInsertRowid, 'pending', now, now);
    db.close();

    const portal = createTestPortal({ dataDir: dir });
    try {
      const rows = portal.db
        .prepare('SELECT status, subject, text_body AS text, html_body AS html FROM outbox ORDER BY id')
        .all() as Record<string, string>[];
      expect(rows[0]).toMatchObject({ status: 'sent', subject: 'Digest subject' });
      expect(`${rows[0]!.text} ${rows[0]!.html}`).not.toContain('Megan Lloyd');
      expect(rows[1]).toEqual({
        status: 'pending',
        subject: 'Digest subject',
        text: 'Megan Lloyd: Care workers deserve NHS pay.',
        html: '<p>Megan Lloyd</p>',
      });
      expect(portal.services.digests.history().map((entry) => entry.sent)).toEqual([0, 1]);
    } finally {
      portal.close();
    }
  });

  test('digests made before they had a language, and officers who opted in then, are English: an erasure writes such a digest again in English', () => {
    const db = databaseBefore(dir, '0009');
    const now = duringConsultation.toISOString();
    const submissionId = storeAsBefore0009(db, {
      reference: 'S2-AAAA-BBBB',
      name: 'Megan Lloyd',
      receivedAt: now,
      answers: ['Care workers deserve NHS pay.'],
    });
    db.prepare(
      "INSERT INTO officers (email, password_hash, created_at, wants_digest) VALUES ('officer@example.org', 'x', ?, 1)",
    ).run(now);
    // What a digest of the time said, with the constituencies not heard from by their English names.
    const content = {
      kind: 'manual',
      late: false,
      scheduledFor: now,
      since: null,
      window: { state: 'open', closesAt: '2020-06-15T22:59:59.999Z', millisecondsLeft: 1000 },
      lines: [
        {
          reference: 'S2-AAAA-BBBB',
          name: 'Megan Lloyd',
          respondentType: 'individual',
          bodyName: null,
          constituency: 'cardiff-west',
          papers: null,
          opening: 'Care workers deserve NHS pay.',
          attachmentNames: null,
        },
      ],
      newCount: 1,
      lastSubmissionId: submissionId,
      totals: { total: 1, byPaper: [], byType: [], byChannel: [] },
      heardFrom: 1,
      notHeardFrom: ['Aberavon', 'Aberconwy'],
      undeliverable: [],
      flagged: { items: [], count: 0 },
    };
    const digestId = db
      .prepare(
        "INSERT INTO digests (slot, kind, scheduled_for, created_at, late, last_submission_id, new_submissions, content) VALUES ('manual x', 'manual', ?, ?, 0, ?, 1, ?)",
      )
      .run(now, now, submissionId, JSON.stringify(content)).lastInsertRowid;
    db.prepare('INSERT INTO digest_mentions (submission_id, digest_id) VALUES (?, ?)').run(submissionId, digestId);
    db.prepare(
      `INSERT INTO outbox (message_id, kind, digest_id, recipient, subject, text_body, html_body, next_attempt_at, created_at)
      VALUES ('<digest@localhost>', 'digest', ?, 'officer@example.org', 'Digest subject', 'Megan Lloyd', '<p>Megan Lloyd</p>', ?, ?)`,
    ).run(digestId, now, now);
    db.close();

    const portal = createTestPortal({ dataDir: dir });
    try {
      expect(portal.services.digests.recipients()).toEqual([{ address: 'officer@example.org', language: 'en' }]);
      expect(portal.db.prepare('SELECT language FROM outbox').pluck().all()).toEqual(['en']);
      portal.services.erasure.erase('S2-AAAA-BBBB', { officerId: null, name: 'test' });
      const rewritten = portal.db.prepare('SELECT subject, text_body AS text FROM outbox').get() as {
        subject: string;
        text: string;
      };
      expect(rewritten.subject).toBe('STAGE 2 POLICY CONSULTATION: digest, 1 new response');
      expect(rewritten.text).toContain('A response erased on request.');
      expect(rewritten.text).toContain('Not yet heard from: Aberavon, Aberconwy');
      expect(rewritten.text).not.toContain('Megan Lloyd');
    } finally {
      portal.services.checkpointer.stop();
      portal.close();
    }
  });

  test('responses stored before searches followed the received time are searched in received order, and new ones take their place among them', async () => {
    const db = databaseBefore(dir, '0009');
    // Stored in this order; received in the order February, February (the same moment: letters have noon), May.
    const may = storeAsBefore0009(db, {
      reference: 'S2-MAYY-MAYY',
      name: 'Web in May',
      receivedAt: '2020-05-10T09:30:00.250Z',
      answers: ['Dentistry in every town.'],
    });
    const firstLetter = storeAsBefore0009(db, {
      reference: 'S2-FEBB-AAAA',
      name: 'Letter one',
      receivedAt: '2020-02-03T12:00:00.000Z',
      answers: ['Dentistry by post.', 'A second answer.'],
      anythingElse: 'And more.',
    });
    const secondLetter = storeAsBefore0009(db, {
      reference: 'S2-FEBB-BBBB',
      name: 'Letter two',
      receivedAt: '2020-02-03T12:00:00.000Z',
      answers: [],
      anythingElse: 'Dentistry again.',
    });
    db.close();

    const portal = createTestPortal({ dataDir: dir });
    try {
      const searchEntries = portal.db
        .prepare(
          'SELECT s.id, f.name, f.answers FROM submissions s JOIN submission_search f ON f.rowid = s.search_key ORDER BY s.search_key',
        )
        .all();
      expect(searchEntries).toEqual([
        { id: firstLetter, name: 'Letter one', answers: 'Dentistry by post.\n\nA second answer.\n\nAnd more.' },
        { id: secondLetter, name: 'Letter two', answers: 'Dentistry again.' },
        { id: may, name: 'Web in May', answers: 'Dentistry in every town.\n\n' },
      ]);
      portal.clock.time = new Date('2020-02-03T12:00:00.000Z');
      const thirdLetter = await portal.services.submissions.recordOffline(
        {
          respondentType: 'individual',
          name: 'Letter three',
          email: null,
          bodyName: null,
          roleInBody: null,
          constituency: 'arfon',
          answers: [],
          anythingElse: 'Dentistry, a third time.',
          meetingDate: null,
          meetingAttendance: null,
          consentToQuote: false,
        },
        [],
        {
          channel: 'post',
          receivedOn: '2020-02-03',
          language: 'en',
          actor: { officerId: null, name: 'test' },
          sendReceipt: false,
          formToken: 'f'.repeat(32),
        },
      );
      const filter = { ...noFilter, text: 'dentistry' };
      const names = (sort: 'newest' | 'oldest') =>
        portal.services.queries.page(filter, sort, 10).rows.map((row) => row.name);
      expect(names('oldest')).toEqual(['Letter one', 'Letter two', 'Letter three', 'Web in May']);
      expect(names('newest')).toEqual(['Web in May', 'Letter three', 'Letter two', 'Letter one']);
      expect(portal.services.submissions.find(thirdLetter).receivedAt.toISOString()).toBe('2020-02-03T12:00:00.000Z');
    } finally {
      portal.close();
    }
  });
});
