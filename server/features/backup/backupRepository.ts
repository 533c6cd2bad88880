import Database, { type Statement } from 'better-sqlite3';
import type { Db } from '../../platform/db/database';

/** An attachment's row, with the reference of the submission it belongs to. */
export interface AttachedFile {
  readonly reference: string;
  readonly storedName: string;
}

/**
 * Opens a database to read only, such as the portal's beside the portal's own connection. In WAL
 * mode its reads see committed data and never hold up the portal's writes.
 */
export function openDatabaseToRead(databasePath: string): Db {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Writes the database as it is at this moment into a new file. VACUUM INTO reads one snapshot
 * however much the portal writes meanwhile; SQLite's online backup API instead starts again
 * whenever another connection writes, so under steady traffic it may never finish.
 */
export function snapshotDatabase(live: Db, intoPath: string): void {
  live.prepare('VACUUM INTO ?').run(intoPath);
}

/**
 * Opens a snapshot to finish it. One file with no journal beside it once closed, and deletions
 * overwrite what they delete, as in the portal.
 */
export function openSnapshot(snapshotPath: string): Db {
  const db = new Database(snapshotPath, { fileMustExist: true });
  db.pragma('journal_mode = DELETE');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  return db;
}

/** What a backup reads from the live database and from its own copy of it. */
export class BackupRepository {
  private readonly selectAttachedFiles: Statement<[], { reference: string; stored_name: string }>;
  private readonly selectReferences: Statement<[], string>;
  private readonly selectReferencePresent: Statement<[string], number>;
  private readonly countSubmissions: Statement<[], number>;
  private readonly countAttachments: Statement<[], number>;

  constructor(private readonly db: Db) {
    this.selectAttachedFiles = db.prepare(`
      SELECT s.reference, a.stored_name FROM attachments a JOIN submissions s ON s.id = a.submission_id
      ORDER BY a.id`);
    this.selectReferences = db.prepare('SELECT reference FROM submissions').pluck() as Statement<[], string>;
    this.selectReferencePresent = db.prepare('SELECT 1 FROM submissions WHERE reference = ?').pluck() as Statement<
      [string],
      number
    >;
    this.countSubmissions = db.prepare('SELECT count(*) FROM submissions').pluck() as Statement<[], number>;
    this.countAttachments = db.prepare('SELECT count(*) FROM attachments').pluck() as Statement<[], number>;
  }

  attachedFiles(): AttachedFile[] {
    return this.selectAttachedFiles.all().map((row) => ({ reference: row.reference, storedName: row.stored_name }));
  }

  references(): string[] {
    return this.selectReferences.all();
  }

  hasSubmission(reference: string): boolean {
    return this.selectReferencePresent.get(reference) !== undefined;
  }

  counts(): { submissions: number; attachments: number } {
    return { submissions: this.countSubmissions.get()!, attachments: this.countAttachments.get()! };
  }

  /** What `PRAGMA integrity_check` finds wrong; empty when the file is sound. */
  integrityProblems(): string[] {
    const findings = this.db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    return findings.map((finding) => finding.integrity_check).filter((finding) => finding !== 'ok');
  }

  /** Rebuilds the file, so that it holds no free pages from what was deleted from it. */
  compact(): void {
    this.db.exec('VACUUM');
  }
}
