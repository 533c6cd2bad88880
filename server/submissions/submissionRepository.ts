import type { Statement } from 'better-sqlite3';
import type { Db } from '../platform/db/database';
import { UniqueValueTaken, withNamedConstraints } from '../platform/db/constraintErrors';
import type { AttachmentRecord, NewSubmission, StoredSubmission } from './submission';
import {
  groupBySubmission,
  inWrittenOrder,
  submissionColumns,
  toStoredSubmission,
  type AnswerValues,
  type AttachmentValues,
  type SubmissionValues,
} from './submissionRows';

/**
 * A submission's search key, its search entry's rowid, sorts as (received_at, id) does: the
 * received millisecond times this, plus 0, 1, 2… for responses received in the same millisecond
 * (letters recorded for one day all have noon), in the order they are stored. See migration 0009.
 * Above 2^53, so it stays in SQLite: JavaScript numbers cannot hold it exactly.
 */
const searchKeysPerMillisecond = 2n ** 21n;

/** Everything a respondent wrote, as one text for the full-text index (migration 0009 builds the same in SQL). */
function searchableAnswers(submission: NewSubmission): string {
  return [...submission.answers.map((answer) => answer.body), submission.anythingElse ?? ''].join('\n\n');
}

/** Reads a batch of submissions with their answers and attachments, for the batch given by `where` on their id. */
interface ManyReaders<Params extends unknown[]> {
  bind(...params: Params): {
    submissions: () => SubmissionValues[];
    answers: () => AnswerValues[];
    attachments: () => AttachmentValues[];
  };
}

function manyReaders<Params extends unknown[]>(db: Db, where: string): ManyReaders<Params> {
  const submissions = db.prepare(`SELECT ${submissionColumns} FROM submissions WHERE id ${where}`).raw() as Statement<
    Params,
    SubmissionValues
  >;
  // Unordered: sorting a batch's answers needs SQLite to build a temporary b-tree, which costs more
  // than putting each submission's few in order afterwards (`inWrittenOrder`).
  const answers = db
    .prepare(`SELECT submission_id, id, paper, section, body FROM answers WHERE submission_id ${where}`)
    .raw() as Statement<Params, AnswerValues>;
  const attachments = db
    .prepare(
      `SELECT submission_id, stored_name, original_name, media_type, size_bytes, risk FROM attachments
       WHERE submission_id ${where} ORDER BY submission_id, position`,
    )
    .raw() as Statement<Params, AttachmentValues>;
  return {
    bind: (...params) => ({
      submissions: () => submissions.all(...params),
      answers: () => answers.all(...params),
      attachments: () => attachments.all(...params),
    }),
  };
}

/** A form with this one-time token is already stored (by this process or another sharing the database). */
export class DuplicateForm extends UniqueValueTaken {}

/** The reference drawn for a new submission is already another's. */
export class DuplicateReference extends UniqueValueTaken {}

const namedConstraints = { 'submissions.form_token': DuplicateForm, 'submissions.reference': DuplicateReference };

/** Reads and writes submissions with their answers, attachments and search entry, always together. */
export class SubmissionRepository {
  private readonly insertSubmission: Statement;
  private readonly insertAnswer: Statement;
  private readonly insertAttachment: Statement;
  private readonly insertSearchEntry: Statement;
  private readonly selectIdByReference: Statement<[string], number>;
  private readonly readersOfIdList: ManyReaders<[idsJson: string]>;
  private readonly readersOfIdRange: ManyReaders<[first: number, last: number]>;
  private readonly selectStoredName: Statement<[string], { found: 1 }>;
  private readonly selectReferenceByFormToken: Statement<[string], string>;
  private readonly deleteSubmission: Statement;
  private readonly deleteSearchEntry: Statement;

  constructor(private readonly db: Db) {
    this.insertSubmission = db.prepare(`
      INSERT INTO submissions (
        reference, consultation, channel, language, respondent_type, name, email, body_name,
        role_in_body, constituency, anything_else, meeting_date, meeting_attendance,
        consent_privacy, consent_quote, received_at, received_day, created_at, entered_by, form_token, has_report, sent_after_close, search_key
      ) VALUES (
        @reference, @consultation, @channel, @language, @respondentType, @name, @email, @bodyName,
        @roleInBody, @constituency, @anythingElse, @meetingDate, @meetingAttendance,
        1, @consentQuote, @receivedAt, @receivedDay, @createdAt, @enteredBy, @formToken, @hasReport, @sentAfterClose,
        (SELECT coalesce(max(search_key) + 1, @searchKeyBase) FROM submissions
         WHERE search_key BETWEEN @searchKeyBase AND @searchKeyBase + ${searchKeysPerMillisecond - 1n})
      )`);
    this.insertAnswer = db.prepare('INSERT INTO answers (submission_id, paper, section, body) VALUES (?, ?, ?, ?)');
    this.insertAttachment = db.prepare(`
      INSERT INTO attachments (submission_id, stored_name, original_name, media_type, size_bytes, position, risk)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.insertSearchEntry = db.prepare(
      'INSERT INTO submission_search (rowid, name, body_name, answers) SELECT search_key, ?, ?, ? FROM submissions WHERE id = ?',
    );
    this.selectIdByReference = db.prepare('SELECT id FROM submissions WHERE reference = ?').pluck() as Statement<
      [string],
      number
    >;
    // A batch's ids as one JSON array, so that one prepared statement serves any batch size; or,
    // for a batch of ids close together, their range, which SQLite reads in order several times faster.
    this.readersOfIdList = manyReaders(db, 'IN (SELECT value FROM json_each(?))');
    this.readersOfIdRange = manyReaders(db, 'BETWEEN ? AND ?');
    this.selectStoredName = db.prepare('SELECT 1 AS found FROM attachments WHERE stored_name = ?');
    this.selectReferenceByFormToken = db
      .prepare('SELECT reference FROM submissions WHERE form_token = ?')
      .pluck() as Statement<[string], string>;
    this.deleteSubmission = db.prepare('DELETE FROM submissions WHERE id = ?');
    this.deleteSearchEntry = db.prepare(
      'DELETE FROM submission_search WHERE rowid = (SELECT search_key FROM submissions WHERE id = ?)',
    );
  }

  /**
   * Stores a submission, its answers, its attachments' records and its search entry in one
   * transaction. Throws DuplicateForm or DuplicateReference if its form token or reference is taken.
   */
  insert(submission: NewSubmission): number {
    return withNamedConstraints(namedConstraints, () => this.store(submission));
  }

  private store(submission: NewSubmission): number {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.insertSubmission.run({
        reference: submission.reference,
        consultation: submission.consultation,
        channel: submission.channel,
        language: submission.language,
        respondentType: submission.respondentType,
        name: submission.name,
        email: submission.email,
        bodyName: submission.bodyName,
        roleInBody: submission.roleInBody,
        constituency: submission.constituency,
        anythingElse: submission.anythingElse,
        meetingDate: submission.meetingDate,
        meetingAttendance: submission.meetingAttendance,
        consentQuote: submission.consentToQuote ? 1 : 0,
        receivedAt: submission.receivedAt.toISOString(),
        receivedDay: submission.receivedDay,
        createdAt: submission.createdAt.toISOString(),
        enteredBy: submission.enteredBy,
        formToken: submission.formToken,
        hasReport: submission.attachments.length > 0 ? 1 : 0,
        sentAfterClose: submission.sentAfterClose ? 1 : 0,
        searchKeyBase: BigInt(submission.receivedAt.getTime()) * searchKeysPerMillisecond,
      });
      const id = Number(lastInsertRowid);
      for (const answer of submission.answers) {
        this.insertAnswer.run(id, answer.paper, answer.section, answer.body);
      }
      submission.attachments.forEach((attachment, position) => {
        this.insertAttachment.run(
          id,
          attachment.storedName,
          attachment.originalName,
          attachment.mediaType,
          attachment.sizeBytes,
          position,
          attachment.risk,
        );
      });
      this.insertSearchEntry.run(submission.name, submission.bodyName ?? '', searchableAnswers(submission), id);
      return id;
    })();
  }

  findByReference(reference: string): StoredSubmission | null {
    const id = this.selectIdByReference.get(reference);
    return id === undefined ? null : this.findById(id);
  }

  findById(id: number): StoredSubmission | null {
    return this.findManyByIds([id])[0] ?? null;
  }

  /**
   * The submissions with these ids, in the order of `ids`, leaving out any that no longer exist.
   * Three queries however many ids there are, for reading submissions by the hundred.
   */
  findManyByIds(ids: readonly number[]): StoredSubmission[] {
    if (ids.length === 0) return [];
    const first = ids.reduce((lowest, id) => Math.min(lowest, id));
    const last = ids.reduce((highest, id) => Math.max(highest, id));
    // Rows in the range that were not asked for are read and dropped: worth it while they are few.
    const { submissions, answers, attachments } =
      last - first < ids.length * 2
        ? this.readersOfIdRange.bind(first, last)
        : this.readersOfIdList.bind(JSON.stringify(ids));
    const valuesById = new Map(submissions().map((values) => [values[0], values]));
    const answersById = groupBySubmission(answers(), (values) => values);
    const attachmentsById = groupBySubmission(
      attachments(),
      ([, storedName, originalName, mediaType, sizeBytes, risk]): AttachmentRecord => ({
        storedName,
        originalName,
        mediaType,
        sizeBytes,
        risk,
      }),
    );
    return ids.flatMap((id) => {
      const values = valuesById.get(id);
      return values
        ? [toStoredSubmission(values, inWrittenOrder(answersById.get(id) ?? []), attachmentsById.get(id) ?? [])]
        : [];
    });
  }

  referenceForFormToken(formToken: string): string | null {
    return this.selectReferenceByFormToken.get(formToken) ?? null;
  }

  isStoredNameRecorded(storedName: string): boolean {
    return this.selectStoredName.get(storedName) !== undefined;
  }

  /** Removes a submission with everything that hangs off it, its search entry included. */
  delete(id: number): void {
    this.db.transaction(() => {
      this.deleteSearchEntry.run(id);
      this.deleteSubmission.run(id);
    })();
  }
}
