import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { deliveredReceipt } from '../support/receipts';
import { createTestPortal, duringConsultation } from '../support/testPortal';

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
    fs.writeFileSync(path.join(migrationsDir, '0002_bad.sql'), 'CREATE TABLE half (id INTEGER); SELECT * FROM missing_table;');
    const db = openDatabase(path.join(dir, 'portal.db'));
    expect(() => migrate(db, migrationsDir)).toThrow(/missing_table/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('good');
    expect(tables).not.toContain('half');
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    db.close();
  });

  test('receipts queued before they were written at sending time lose their stored copy, are still sent, and digests keep theirs', async () => {
    const earlierMigrations = path.join(dir, 'migrations');
    fs.mkdirSync(earlierMigrations);
    for (const name of fs.readdirSync(path.join(projectRoot, 'migrations')).filter((file) => file < '0006')) {
      fs.copyFileSync(path.join(projectRoot, 'migrations', name), path.join(earlierMigrations, name));
    }
    const db = openDatabase(path.join(dir, 'portal.db'));
    migrate(db, earlierMigrations);
    // Written in that schema's own columns: today's repository writes columns added since.
    const submissionId = Number(
      db
        .prepare(`INSERT INTO submissions (reference, consultation, channel, language, respondent_type, name, email, constituency,
            consent_privacy, consent_quote, received_at, received_day, created_at)
          VALUES ('S2-AAAA-BBBB', 'stage-2-2020', 'web', 'en', 'individual', 'Megan Lloyd', 'megan@example.org', 'cardiff-west', 1, 1, ?, '2020-05-12', ?)`)
        .run(duringConsultation.toISOString(), duringConsultation.toISOString()).lastInsertRowid,
    );
    db.prepare("INSERT INTO answers (submission_id, paper, section, body) VALUES (?, 'health-and-social-care', NULL, 'Care workers deserve NHS pay.')").run(submissionId);
    const digestId = db
      .prepare("INSERT INTO digests (slot, kind, scheduled_for, created_at, late, last_submission_id, new_submissions) VALUES ('manual x', 'manual', ?, ?, 0, ?, 1)")
      .run(duringConsultation.toISOString(), duringConsultation.toISOString(), submissionId).lastInsertRowid;
    const queue = db.prepare(`INSERT INTO outbox (message_id, kind, submission_id, digest_id, recipient, subject, text_body, html_body, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const now = duringConsultation.toISOString();
    queue.run('<receipt@localhost>', 'receipt', submissionId, null, 'megan@example.org', 'Old subject', 'Old text', '<p>Old text</p>', now, now);
    queue.run('<digest@localhost>', 'digest', null, digestId, 'policy@example.org', 'Digest subject', 'Digest text', '<p>Digest text</p>', now, now);
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
});
