import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionData } from 'express-session';
import { projectRoot } from '../../server/config';
import { failFastWhenLocked, openDatabase, type Db } from '../../server/platform/db/database';
import { migrate } from '../../server/platform/db/migrate';
import { SqliteSessionStore } from '../../server/features/accounts/sessionStore';

/** What a store method handed its callback, or threw. */
type Outcome = { error?: unknown; value?: unknown } | { thrown: unknown };

function outcomeOf(call: (done: (error?: unknown, value?: unknown) => void) => void): Outcome {
  let outcome: Outcome | null = null;
  try {
    call((error, value) => (outcome = { error, value }));
  } catch (thrown) {
    return { thrown };
  }
  return outcome ?? { thrown: new Error('The callback was not called') };
}

const session = { cookie: { originalMaxAge: 1000 }, officerId: 1 } as unknown as SessionData;

describe('the officers’ session store, when the database cannot be used', () => {
  let dir: string;
  let db: Db;
  let holder: Db;
  let store: SqliteSessionStore;
  const reported: { what: string; error: unknown }[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-sessions-'));
    db = openDatabase(path.join(dir, 'portal.db'));
    migrate(db, path.join(projectRoot, 'migrations'));
    failFastWhenLocked(db);
    reported.length = 0;
    store = new SqliteSessionStore(db, 60_000, Date.now, (what, error) => reported.push({ what, error }));
    store.set('stored', session);
    // Another process in the middle of a write.
    holder = openDatabase(path.join(dir, 'portal.db'));
    holder.exec('BEGIN EXCLUSIVE');
  });
  afterEach(() => {
    holder.close();
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const busy = expect.objectContaining({ code: 'SQLITE_BUSY' });

  test('set and destroy hand the error to their callback instead of throwing it into express-session', () => {
    expect(outcomeOf((done) => store.set('new', session, done))).toEqual({ error: busy, value: undefined });
    expect(outcomeOf((done) => store.destroy('stored', done))).toEqual({ error: busy, value: undefined });
  });

  test('get reads while another process writes, and hands any error to its callback', () => {
    expect(outcomeOf((done) => store.get('stored', done))).toEqual({
      error: null,
      value: expect.objectContaining({ officerId: 1 }),
    });
    db.close();
    expect(outcomeOf((done) => store.get('stored', done))).toEqual({
      error: expect.objectContaining({ message: 'The database connection is not open' }),
      value: undefined,
    });
  });

  test('a touch that cannot be stored is reported, and the page goes on: the session only ends sooner', () => {
    expect(outcomeOf((done) => store.touch('stored', session, done))).toEqual({ error: undefined, value: undefined });
    expect(reported).toEqual([{ what: expect.stringContaining('session'), error: busy }]);
  });

  test('an error in what the callback goes on to do is not taken for the store’s', () => {
    holder.exec('ROLLBACK');
    const calls: unknown[] = [];
    expect(() =>
      store.get('stored', (error) => {
        calls.push(error);
        throw new Error('a bug further on');
      }),
    ).toThrow('a bug further on');
    expect(calls).toEqual([null]);
  });
});
