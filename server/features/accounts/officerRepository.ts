import type { Statement } from 'better-sqlite3';
import type { Language } from '../../platform/vocabulary';
import type { Db } from '../../platform/db/database';

export interface Officer {
  readonly id: number;
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly disabledAt: string | null;
  readonly wantsDigest: boolean;
  /** The language this officer reads the digests in (kept when they stop getting them). */
  readonly digestLanguage: Language;
}

/** Someone who gets the digests, and the language they read them in. */
export interface DigestReader {
  readonly address: string;
  readonly language: Language;
}

interface OfficerRow {
  id: number;
  email: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  wants_digest: number;
  digest_language: Language;
}

function toOfficer(row: OfficerRow): Officer {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    wantsDigest: row.wants_digest === 1,
    digestLanguage: row.digest_language,
  };
}

export class OfficerRepository {
  private readonly insertOfficer: Statement;
  private readonly selectByEmail: Statement<[string], OfficerRow>;
  private readonly selectById: Statement<[number], OfficerRow>;
  private readonly selectAll: Statement<[], OfficerRow>;
  private readonly updateDisabled: Statement;
  private readonly updatePassword: Statement;
  private readonly updateDigestChoice: Statement<[{ id: number; wantsDigest: number; language: Language | null }]>;
  private readonly selectDigestReaders: Statement<[], DigestReader>;

  constructor(db: Db) {
    this.insertOfficer = db.prepare('INSERT INTO officers (email, password_hash, created_at) VALUES (?, ?, ?)');
    this.selectByEmail = db.prepare('SELECT * FROM officers WHERE email = ?');
    this.selectById = db.prepare('SELECT * FROM officers WHERE id = ?');
    this.selectAll = db.prepare('SELECT * FROM officers ORDER BY email');
    this.updateDisabled = db.prepare('UPDATE officers SET disabled_at = ? WHERE id = ?');
    this.updatePassword = db.prepare('UPDATE officers SET password_hash = ? WHERE id = ?');
    this.updateDigestChoice = db.prepare(
      'UPDATE officers SET wants_digest = @wantsDigest, digest_language = coalesce(@language, digest_language) WHERE id = @id',
    );
    this.selectDigestReaders = db.prepare(
      'SELECT email AS address, digest_language AS language FROM officers WHERE wants_digest = 1 AND disabled_at IS NULL ORDER BY email',
    );
  }

  insert(email: string, passwordHash: string, createdAt: Date): number {
    return Number(this.insertOfficer.run(email, passwordHash, createdAt.toISOString()).lastInsertRowid);
  }

  findByEmail(email: string): Officer | null {
    const row = this.selectByEmail.get(email);
    return row ? toOfficer(row) : null;
  }

  findById(id: number): Officer | null {
    const row = this.selectById.get(id);
    return row ? toOfficer(row) : null;
  }

  list(): Officer[] {
    return this.selectAll.all().map(toOfficer);
  }

  setDisabledAt(id: number, disabledAt: Date | null): void {
    this.updateDisabled.run(disabledAt?.toISOString() ?? null, id);
  }

  /** The language this officer gets the digests in, or null to stop them (their language is kept). */
  setDigestLanguage(id: number, language: Language | null): void {
    this.updateDigestChoice.run({ id, wantsDigest: language === null ? 0 : 1, language });
  }

  /** Active officers who asked for the digests. */
  digestReaders(): DigestReader[] {
    return this.selectDigestReaders.all();
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.updatePassword.run(passwordHash, id);
  }
}
