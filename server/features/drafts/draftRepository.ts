import type { Statement } from 'better-sqlite3';
import type { Db } from '../../platform/db/database';
import type { Language } from '../../platform/vocabulary';
import type { AttachmentRecord } from '../../submissions/submission';
import type { ReportRisk } from '../../submissions/reports/reportRisks';
import type { FormValues } from '../../submissions/responseForm';

/** A draft as stored: what the form held, the reports accepted for it, and which save it is. */
export interface StoredDraft {
  readonly id: number;
  readonly version: number;
  readonly values: FormValues;
  readonly language: Language;
  readonly email: string;
  readonly reports: readonly AttachmentRecord[];
  readonly updatedAt: Date;
  readonly expiresAt: Date;
}

export interface DraftChange {
  readonly values: FormValues;
  readonly language: Language;
  readonly email: string;
  readonly addedReports: readonly AttachmentRecord[];
  readonly removedReports: readonly string[];
  readonly now: Date;
}

interface DraftRow {
  id: number;
  version: number;
  formValues: string;
  language: Language;
  email: string;
  updatedAt: string;
  expiresAt: string;
}

interface ReportRow {
  storedName: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  risk: ReportRisk | null;
}

const draftColumns = `d.id, d.version, d.form_values AS formValues, d.language, d.email,
  d.updated_at AS updatedAt, d.expires_at AS expiresAt`;

/** The drafts, their links (as hashes) and their reports' rows. Every method is one statement or runs inside the caller's transaction. */
export class DraftRepository {
  private readonly insertDraft: Statement<
    [{ version: number; formValues: string; language: Language; email: string; now: string; expiresAt: string }]
  >;
  private readonly insertLink: Statement<[{ tokenHash: string; draftId: number; now: string }]>;
  private readonly selectByHash: Statement<[{ tokenHash: string; now: string }], DraftRow>;
  private readonly selectById: Statement<[number], DraftRow>;
  private readonly selectReports: Statement<[number], ReportRow>;
  private readonly insertReport: Statement<[ReportRow & { draftId: number }]>;
  private readonly deleteReport: Statement<[{ draftId: number; storedName: string }]>;
  private readonly updateDraft: Statement<
    [{ id: number; version: number; formValues: string; language: Language; email: string; now: string }]
  >;
  private readonly deleteDraft: Statement<[number]>;
  private readonly selectExpired: Statement<[string], number>;
  private readonly selectLiveByEmail: Statement<[{ email: string; now: string }], number>;
  private readonly selectStoredName: Statement<[string], number>;

  constructor(db: Db) {
    this.insertDraft = db.prepare(`
      INSERT INTO drafts (version, form_values, language, email, created_at, updated_at, expires_at)
      VALUES (@version, @formValues, @language, @email, @now, @now, @expiresAt)`);
    this.insertLink = db.prepare(
      'INSERT INTO draft_links (token_hash, draft_id, created_at) VALUES (@tokenHash, @draftId, @now)',
    );
    this.selectByHash = db.prepare(`
      SELECT ${draftColumns} FROM draft_links l JOIN drafts d ON d.id = l.draft_id
      WHERE l.token_hash = @tokenHash AND d.expires_at > @now`);
    this.selectById = db.prepare(`SELECT ${draftColumns} FROM drafts d WHERE d.id = ?`);
    this.selectReports = db.prepare(`
      SELECT stored_name AS storedName, original_name AS originalName, media_type AS mediaType,
        size_bytes AS sizeBytes, risk
      FROM draft_reports WHERE draft_id = ? ORDER BY rowid`);
    this.insertReport = db.prepare(`
      INSERT INTO draft_reports (draft_id, stored_name, original_name, media_type, size_bytes, risk)
      VALUES (@draftId, @storedName, @originalName, @mediaType, @sizeBytes, @risk)`);
    this.deleteReport = db.prepare('DELETE FROM draft_reports WHERE draft_id = @draftId AND stored_name = @storedName');
    this.updateDraft = db.prepare(`
      UPDATE drafts SET version = version + 1, form_values = @formValues, language = @language, email = @email,
        updated_at = @now
      WHERE id = @id AND version = @version`);
    this.deleteDraft = db.prepare('DELETE FROM drafts WHERE id = ?');
    this.selectExpired = db.prepare('SELECT id FROM drafts WHERE expires_at <= ?').pluck() as Statement<
      [string],
      number
    >;
    this.selectLiveByEmail = db
      .prepare('SELECT id FROM drafts WHERE email = @email COLLATE NOCASE AND expires_at > @now ORDER BY id')
      .pluck() as Statement<[{ email: string; now: string }], number>;
    this.selectStoredName = db.prepare('SELECT 1 FROM draft_reports WHERE stored_name = ?').pluck() as Statement<
      [string],
      number
    >;
  }

  /** Makes a draft at its first version, with its first link; returns its id. */
  create(change: Omit<DraftChange, 'removedReports'>, tokenHash: string, expiresAt: Date): number {
    const now = change.now.toISOString();
    const draftId = Number(
      this.insertDraft.run({
        version: 1,
        formValues: JSON.stringify(change.values),
        language: change.language,
        email: change.email,
        now,
        expiresAt: expiresAt.toISOString(),
      }).lastInsertRowid,
    );
    this.insertLink.run({ tokenHash, draftId, now });
    for (const report of change.addedReports) this.insertReport.run({ ...report, draftId });
    return draftId;
  }

  /** Adds another link to a draft. */
  addLink(draftId: number, tokenHash: string, now: Date): void {
    this.insertLink.run({ tokenHash, draftId, now: now.toISOString() });
  }

  /** Writes a new version over `version`; false when the draft has moved on (or gone) since. */
  update(draftId: number, version: number, change: DraftChange): boolean {
    const updated = this.updateDraft.run({
      id: draftId,
      version,
      formValues: JSON.stringify(change.values),
      language: change.language,
      email: change.email,
      now: change.now.toISOString(),
    });
    if (updated.changes === 0) return false;
    for (const storedName of change.removedReports) this.deleteReport.run({ draftId, storedName });
    for (const report of change.addedReports) this.insertReport.run({ ...report, draftId });
    return true;
  }

  /** The draft a link opens, while it has not expired. */
  findByTokenHash(tokenHash: string, now: Date): StoredDraft | null {
    const row = this.selectByHash.get({ tokenHash, now: now.toISOString() });
    return row ? this.withReports(row) : null;
  }

  findById(draftId: number): StoredDraft | null {
    const row = this.selectById.get(draftId);
    return row ? this.withReports(row) : null;
  }

  /** The drafts saved under an address that have not expired. */
  liveDraftIdsFor(email: string, now: Date): number[] {
    return this.selectLiveByEmail.all({ email, now: now.toISOString() });
  }

  /** Deletes a draft with its links, its reports' rows and its queued link emails. */
  delete(draftId: number): void {
    this.deleteDraft.run(draftId);
  }

  expiredDraftIds(now: Date): number[] {
    return this.selectExpired.all(now.toISOString());
  }

  isStoredNameRecorded(storedName: string): boolean {
    return this.selectStoredName.get(storedName) !== undefined;
  }

  private withReports(row: DraftRow): StoredDraft {
    return {
      id: row.id,
      version: row.version,
      values: JSON.parse(row.formValues) as FormValues,
      language: row.language,
      email: row.email,
      reports: this.selectReports.all(row.id),
      updatedAt: new Date(row.updatedAt),
      expiresAt: new Date(row.expiresAt),
    };
  }
}
