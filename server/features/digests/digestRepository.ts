import type { Statement } from 'better-sqlite3';
import type { Db } from '../../platform/db/database';
import type { RespondentType, ReviewStatus } from '../../submissions/vocabulary';
import { UniqueValueTaken, withNamedConstraints } from '../../platform/db/constraintErrors';

/** The review status whose responses every digest lists, for the officer to act on. */
export const flaggedStatus = 'flagged' satisfies ReviewStatus;

export const digestKinds = ['weekly', 'daily', 'closes-tomorrow', 'closing-summary', 'manual'] as const;
export type DigestKind = (typeof digestKinds)[number];

export interface DigestRecord {
  readonly id: number;
  readonly slot: string;
  readonly kind: DigestKind;
  readonly scheduledFor: string;
  readonly createdAt: string;
  readonly late: boolean;
  readonly lastSubmissionId: number;
  readonly newSubmissions: number;
  readonly skipped: boolean;
}

export interface DigestHistoryEntry extends DigestRecord {
  readonly sent: number;
  readonly waiting: number;
  readonly failed: number;
}

/** One new submission, as a digest lists it. */
export interface DigestLine {
  readonly reference: string;
  readonly name: string;
  readonly respondentType: RespondentType;
  readonly bodyName: string | null;
  readonly constituency: string;
  readonly papers: string | null;
  readonly opening: string | null;
  readonly attachmentNames: string | null;
}

type DigestRow = Omit<DigestRecord, 'late' | 'skipped'> & { late: number; skipped: number };

const digestColumns = `id, slot, kind, scheduled_for AS scheduledFor, created_at AS createdAt, late,
  last_submission_id AS lastSubmissionId, new_submissions AS newSubmissions, skipped`;

function toRecord<T extends DigestRow>(row: T): Omit<T, 'late' | 'skipped'> & { late: boolean; skipped: boolean } {
  return { ...row, late: row.late === 1, skipped: row.skipped === 1 };
}

/** The digest for this slot has already been made (by this process or another sharing the database). */
export class DigestSlotTaken extends UniqueValueTaken {}

export class DigestRepository {
  private readonly insertDigest: Statement;
  private readonly selectLatestScheduled: Statement<[], DigestRow>;
  private readonly selectLatest: Statement<[], DigestRow>;
  private readonly selectHistory: Statement<[number], DigestRow & { sent: number; waiting: number; failed: number }>;
  private readonly selectNewLines: Statement<[string, number, number], DigestLine & { id: number }>;
  private readonly selectNewCount: Statement<[string, number], { count: number; lastId: number }>;
  private readonly selectAllCount: Statement<[{ consultation: string }], { count: number; lastId: number }>;
  private readonly selectFlagged: Statement<[string, number], { reference: string; name: string }>;
  private readonly selectFlaggedCount: Statement<[string], number>;
  private readonly insertMention: Statement<[number, string]>;
  private readonly selectMentioning: Statement<[number], { id: number; content: string }>;
  private readonly updateContent: Statement<[string, number]>;

  constructor(db: Db) {
    this.insertDigest = db.prepare(`
      INSERT INTO digests (slot, kind, scheduled_for, created_at, late, last_submission_id, new_submissions, skipped)
      VALUES (@slot, @kind, @scheduledFor, @createdAt, @late, @lastSubmissionId, @newSubmissions, @skipped)`);
    this.selectLatestScheduled = db.prepare(
      `SELECT ${digestColumns} FROM digests WHERE kind <> 'manual' ORDER BY scheduled_for DESC LIMIT 1`,
    );
    this.selectLatest = db.prepare(`SELECT ${digestColumns} FROM digests ORDER BY id DESC LIMIT 1`);
    this.selectHistory = db.prepare(`
      SELECT ${digestColumns},
        (SELECT count(*) FROM outbox o WHERE o.digest_id = d.id AND o.status = 'sent') AS sent,
        (SELECT count(*) FROM outbox o WHERE o.digest_id = d.id AND o.status IN ('pending', 'sending')) AS waiting,
        (SELECT count(*) FROM outbox o WHERE o.digest_id = d.id AND o.status = 'failed') AS failed
      FROM digests d ORDER BY id DESC LIMIT ?`);
    // The new submissions are the ids after the last digest's. `+consultation` keeps SQLite from
    // reading every one of the consultation's entries in an index instead: at a million
    // submissions that took a fifth of a second and filled the page cache.
    this.selectNewLines = db.prepare(`
      SELECT s.id, s.reference, s.name, s.respondent_type AS respondentType, s.body_name AS bodyName, s.constituency,
        (SELECT group_concat(DISTINCT an.paper) FROM answers an WHERE an.submission_id = s.id) AS papers,
        coalesce((SELECT substr(an.body, 1, 400) FROM answers an WHERE an.submission_id = s.id ORDER BY an.id LIMIT 1), substr(s.anything_else, 1, 400)) AS opening,
        (SELECT group_concat(a.original_name, ', ') FROM attachments a WHERE a.submission_id = s.id) AS attachmentNames
      FROM submissions s WHERE +s.consultation = ? AND s.id > ? ORDER BY s.id LIMIT ?`);
    this.selectNewCount = db.prepare(
      'SELECT count(*) AS count, coalesce(max(id), 0) AS lastId FROM submissions WHERE +consultation = ? AND id > ?',
    );
    // Counting every row would read the whole table; the running counts already have the total.
    this.selectAllCount = db.prepare(`
      SELECT (SELECT coalesce(sum(submissions), 0) FROM daily_counts WHERE consultation = @consultation) AS count,
        coalesce((SELECT id FROM submissions WHERE +consultation = @consultation ORDER BY id DESC LIMIT 1), 0) AS lastId`);
    this.selectFlagged = db.prepare(
      `SELECT reference, name FROM submissions WHERE consultation = ? AND status = '${flaggedStatus}' ORDER BY id LIMIT ?`,
    );
    this.selectFlaggedCount = db
      .prepare(`SELECT count(*) FROM submissions WHERE consultation = ? AND status = '${flaggedStatus}'`)
      .pluck() as Statement<[string], number>;
    this.insertMention = db.prepare(
      'INSERT INTO digest_mentions (digest_id, submission_id) SELECT ?, id FROM submissions WHERE reference = ?',
    );
    this.selectMentioning = db.prepare(`
      SELECT d.id, d.content FROM digest_mentions m JOIN digests d ON d.id = m.digest_id
      WHERE m.submission_id = ? AND d.content IS NOT NULL ORDER BY d.id`);
    this.updateContent = db.prepare('UPDATE digests SET content = ? WHERE id = ?');
  }

  /** Records a digest; throws DigestSlotTaken if its slot has already been made. */
  insert(record: Omit<DigestRecord, 'id'>): number {
    const row = { ...record, late: record.late ? 1 : 0, skipped: record.skipped ? 1 : 0 };
    return Number(
      withNamedConstraints({ 'digests.slot': DigestSlotTaken }, () => this.insertDigest.run(row)).lastInsertRowid,
    );
  }

  latestScheduled(): DigestRecord | null {
    const row = this.selectLatestScheduled.get();
    return row ? toRecord(row) : null;
  }

  latest(): DigestRecord | null {
    const row = this.selectLatest.get();
    return row ? toRecord(row) : null;
  }

  history(limit = 50): DigestHistoryEntry[] {
    return this.selectHistory.all(limit).map(toRecord);
  }

  /** Records that a digest mentions a response; false if there is no such response (any more). Each reference once. */
  recordMention(digestId: number, reference: string): boolean {
    return this.insertMention.run(digestId, reference).changes > 0;
  }

  /** The digests that mention a submission, with what each says (as stored by `storeContent`). */
  mentioning(submissionId: number): { id: number; content: string }[] {
    return this.selectMentioning.all(submissionId);
  }

  storeContent(digestId: number, content: string): void {
    this.updateContent.run(content, digestId);
  }

  /** The first `limit` submissions after `afterId`, how many there are in all, and the highest id among them. */
  newSubmissions(
    consultation: string,
    afterId: number,
    limit: number,
  ): { lines: DigestLine[]; count: number; lastId: number } {
    const { count, lastId } =
      afterId === 0 ? this.selectAllCount.get({ consultation })! : this.selectNewCount.get(consultation, afterId)!;
    const rows = this.selectNewLines.all(consultation, afterId, limit);
    return { lines: rows.map(({ id: _id, ...line }) => line), count, lastId: Math.max(lastId, afterId) };
  }

  /** The first `limit` flagged submissions, and how many are flagged in all. */
  flagged(consultation: string, limit: number): { items: { reference: string; name: string }[]; count: number } {
    return { items: this.selectFlagged.all(consultation, limit), count: this.selectFlaggedCount.get(consultation)! };
  }
}
