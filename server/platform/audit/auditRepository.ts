import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  /** Null for the command line, the digest schedule and failed sign-ins. */
  readonly officerId: number | null;
  readonly actor: string;
  readonly action: string;
  readonly submissionReference: string | null;
  readonly detail: string;
}

/** Which entries to read; null means any. `from` and `until` are instants, ISO 8601 UTC, `until` exclusive. */
export interface AuditQuery {
  readonly officerId: number | null;
  readonly action: string | null;
  readonly from: string | null;
  readonly until: string | null;
}

/** The audit log can only be appended to and read: there is no update or delete here. */
export class AuditRepository {
  private readonly insertEntry: Statement;
  private readonly clearDetailsFor: Statement<[string]>;

  constructor(private readonly db: Db) {
    this.insertEntry = db.prepare(
      'INSERT INTO audit_log (at, officer_id, actor, action, submission_reference, detail) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.clearDetailsFor = db.prepare("UPDATE audit_log SET detail = '' WHERE submission_reference = ?");
  }

  append(entry: {
    at: Date;
    officerId: number | null;
    actor: string;
    action: string;
    submissionReference?: string | null;
    detail?: string;
  }): void {
    this.insertEntry.run(
      entry.at.toISOString(),
      entry.officerId,
      entry.actor,
      entry.action,
      entry.submissionReference ?? null,
      entry.detail ?? '',
    );
  }

  /**
   * Empties the details (such as tag names) of an erased submission's entries, which keep who
   * did what and when, but nothing of what the submission said.
   */
  clearDetailsOf(submissionReference: string): void {
    this.clearDetailsFor.run(submissionReference);
  }

  /** The newest entries matching the query before `beforeId`, newest first. */
  page(query: AuditQuery, beforeId: number, limit: number): AuditEntry[] {
    const conditions = ['id < @beforeId'];
    if (query.officerId !== null) conditions.push('officer_id = @officerId');
    if (query.action !== null) conditions.push('action = @action');
    if (query.from !== null) conditions.push('at >= @from');
    if (query.until !== null) conditions.push('at < @until');
    return this.db
      .prepare(
        `SELECT id, at, officer_id AS officerId, actor, action, submission_reference AS submissionReference, detail
         FROM audit_log WHERE ${conditions.join(' AND ')} ORDER BY id DESC LIMIT @limit`,
      )
      .all({ ...query, beforeId, limit }) as AuditEntry[];
  }
}
