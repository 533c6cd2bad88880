import { Store, type SessionData } from 'express-session';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import { isStorageFault } from './storageFaults';

type Callback<T = void> = (error?: unknown, value?: T) => void;

/** Runs a write and tells `done` how it went, never throwing. */
function settle(write: () => unknown, done: Callback | undefined): void {
  try {
    write();
  } catch (error) {
    done?.(error);
    return;
  }
  done?.();
}

/** Keeps officers' sessions in SQLite, so they survive a restart. Expired sessions are swept on start and hourly. */
export class SqliteSessionStore extends Store {
  private readonly selectSession: Statement<[string, number], { data: string }>;
  private readonly upsertSession: Statement<[string, string, number]>;
  private readonly deleteSession: Statement<[string]>;
  private readonly touchSession: Statement<[number, string]>;
  private readonly deleteExpired: Statement<[number]>;
  private readonly deleteForOfficer: Statement<[number]>;

  constructor(
    db: Db,
    private readonly idleLifetimeMs: number,
    private readonly now: () => number,
  ) {
    super();
    this.selectSession = db.prepare('SELECT data FROM sessions WHERE id = ? AND expires_at > ?');
    this.upsertSession = db.prepare(
      'INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at',
    );
    this.deleteSession = db.prepare('DELETE FROM sessions WHERE id = ?');
    this.touchSession = db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?');
    this.deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
    this.deleteForOfficer = db.prepare("DELETE FROM sessions WHERE json_extract(data, '$.officerId') = ?");
  }

  // express-session calls set and touch from inside res.end: an error thrown there, rather than
  // passed to the callback, leaves the response never finished.

  override get(id: string, done: Callback<SessionData | null>): void {
    let row: { data: string } | undefined;
    try {
      row = this.selectSession.get(id, this.now());
    } catch (error) {
      done(error);
      return;
    }
    done(null, row ? (JSON.parse(row.data) as SessionData) : null);
  }

  override set(id: string, session: SessionData, done?: Callback): void {
    settle(() => this.upsertSession.run(id, JSON.stringify(session), this.now() + this.idleLifetimeMs), done);
  }

  override destroy(id: string, done?: Callback): void {
    settle(() => this.deleteSession.run(id), done);
  }

  /** Keeps a session alive for longer. If storage is unavailable for now, the next request will. */
  override touch(id: string, _session: SessionData, done?: Callback): void {
    settle(() => {
      try {
        this.touchSession.run(this.now() + this.idleLifetimeMs, id);
      } catch (error) {
        if (!isStorageFault(error)) throw error;
      }
    }, done);
  }

  /** Signs an officer out everywhere: after a password reset, or when the account is disabled. */
  endSessionsOf(officerId: number): void {
    this.deleteForOfficer.run(officerId);
  }

  sweepExpired(): number {
    return this.deleteExpired.run(this.now()).changes;
  }
}
