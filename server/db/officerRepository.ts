import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export interface Officer {
  readonly id: number;
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly disabledAt: string | null;
  readonly wantsDigest: boolean;
}

interface OfficerRow {
  id: number;
  email: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  wants_digest: number;
}

function toOfficer(row: OfficerRow): Officer {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    wantsDigest: row.wants_digest === 1,
  };
}

export class OfficerRepository {
  private readonly insertOfficer: Statement;
  private readonly selectByEmail: Statement<[string], OfficerRow>;
  private readonly selectById: Statement<[number], OfficerRow>;
  private readonly selectAll: Statement<[], OfficerRow>;
  private readonly updateDisabled: Statement;
  private readonly updatePassword: Statement;
  private readonly updateWantsDigest: Statement;
  private readonly selectDigestReaders: Statement<[], string>;

  constructor(db: Db) {
    this.insertOfficer = db.prepare('INSERT INTO officers (email, password_hash, created_at) VALUES (?, ?, ?)');
    this.selectByEmail = db.prepare('SELECT * FROM officers WHERE email = ?');
    this.selectById = db.prepare('SELECT * FROM officers WHERE id = ?');
    this.selectAll = db.prepare('SELECT * FROM officers ORDER BY email');
    this.updateDisabled = db.prepare('UPDATE officers SET disabled_at = ? WHERE id = ?');
    this.updatePassword = db.prepare('UPDATE officers SET password_hash = ? WHERE id = ?');
    this.updateWantsDigest = db.prepare('UPDATE officers SET wants_digest = ? WHERE id = ?');
    this.selectDigestReaders = db
      .prepare('SELECT email FROM officers WHERE wants_digest = 1 AND disabled_at IS NULL ORDER BY email')
      .pluck() as Statement<[], string>;
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

  setWantsDigest(id: number, wantsDigest: boolean): void {
    this.updateWantsDigest.run(wantsDigest ? 1 : 0, id);
  }

  /** Active officers who asked for the digests. */
  digestReaders(): string[] {
    return this.selectDigestReaders.all();
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.updatePassword.run(passwordHash, id);
  }
}
