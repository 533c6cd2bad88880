import { Store, type SessionData } from 'express-session';
import type { Statement } from 'better-sqlite3';
import { logFailure } from '../../platform/logFailure';
import type { Db } from '../../platform/db/database';

/** Officers stay signed in for this long without using the workspace. */
export const officerIdleLifetimeMs = 8 * 60 * 60 * 1000;

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * Runs `work` and hands its outcome to `done`: its error, or its value. `done` is called outside
 * the try, since express-session carries on with the request inside it, and an error there is
 * not the store's. Without `done`, an error is thrown to the caller.
 */
function settle<T>(work: () => T, done: Callback<T> | undefined): void {
  let value: T;
  try {
    value = work();
  } catch (error) {
    if (!done) throw error;
    done(error);
    return;
  }
  done?.(null, value);
}

/**
 * Keeps officers' sessions in SQLite, so they survive a restart. Every failure goes to the
 * caller's callback, never up through express-session, which calls the store as a response ends.
 */
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
    private readonly reportFailure: (what: string, error: unknown) => void = logFailure,
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
    settle(() => {
      const row = this.selectSession.get(id, this.now());
      return row ? (JSON.parse(row.data) as SessionData) : null;
    }, done);
  }

  override set(id: string, session: SessionData, done?: Callback): void {
    settle(() => void this.upsertSession.run(id, JSON.stringify(session), this.now() + this.idleLifetimeMs), done);
  }

  override destroy(id: string, done?: Callback): void {
    settle(() => void this.deleteSession.run(id), done);
  }

  /**
   * Extends the session's idle lifetime as a page is sent. If that cannot be stored, the page
   * still goes: the officer is only signed out sooner than otherwise.
   */
  override touch(id: string, _session: SessionData, done?: Callback): void {
    try {
      this.touchSession.run(this.now() + this.idleLifetimeMs, id);
    } catch (error) {
      this.reportFailure('Could not extend an officer’s session', error);
    }
    done?.();
  }

  /** Signs an officer out everywhere: after a password reset, or when the account is disabled. */
  endSessionsOf(officerId: number): void {
    this.deleteForOfficer.run(officerId);
  }

  /** Removes expired sessions; the server runs it at start and hourly. Returns how many went. */
  sweepExpired(): number {
    return this.deleteExpired.run(this.now()).changes;
  }
}
