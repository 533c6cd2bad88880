import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly submissionReference: string | null;
  readonly detail: string;
}

/** The audit log can only be appended to and read: there is no update or delete here. */
export class AuditRepository {
  private readonly insertEntry: Statement;
  private readonly selectPage: Statement<[number, number], AuditEntry>;
  private readonly clearDetailsFor: Statement<[string]>;

  constructor(db: Db) {
    this.insertEntry = db.prepare(
      'INSERT INTO audit_log (at, officer_id, actor, action, submission_reference, detail) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectPage = db.prepare(`
      SELECT id, at, actor, action, submission_reference AS submissionReference, detail
      FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`);
    this.clearDetailsFor = db.prepare("UPDATE audit_log SET detail = '' WHERE submission_reference = ?");
  }

  append(entry: { at: Date; officerId: number | null; actor: string; action: string; submissionReference?: string | null; detail?: string }): void {
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

  /** The newest entries before `beforeId`, newest first. */
  page(beforeId: number, limit: number): AuditEntry[] {
    return this.selectPage.all(beforeId, limit);
  }
}
