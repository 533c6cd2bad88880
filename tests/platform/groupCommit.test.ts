import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../server/platform/db/database';
import { GroupCommit } from '../../server/platform/db/groupCommit';

describe('group commit', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-group-'));
    db = openDatabase(path.join(dir, 'portal.db'));
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (body: string) => () =>
    Number(db.prepare('INSERT INTO notes (body) VALUES (?)').run(body).lastInsertRowid);
  const bodies = () => db.prepare('SELECT body FROM notes ORDER BY id').pluck().all();

  test('writes queued together commit in one transaction, and each learns its own result after the commit', async () => {
    const onlooker = openDatabase(path.join(dir, 'portal.db'));
    const seenByOnlooker = () => onlooker.prepare('SELECT count(*) FROM notes').pluck().get();
    const group = new GroupCommit(db);
    const seenWhileWriting: unknown[] = [];
    const ids = await Promise.all(
      ['a', 'b', 'c'].map((body) =>
        group.run(() => {
          seenWhileWriting.push(seenByOnlooker());
          return insert(body)();
        }),
      ),
    );
    expect(ids).toEqual([1, 2, 3]);
    // Another connection saw none of them until all three had committed, together.
    expect(seenWhileWriting).toEqual([0, 0, 0]);
    expect(seenByOnlooker()).toBe(3);
    expect(bodies()).toEqual(['a', 'b', 'c']);
    onlooker.close();
  });

  test('a write that fails is undone alone; the others in its group are stored', async () => {
    const group = new GroupCommit(db);
    const results = await Promise.allSettled([
      group.run(insert('first')),
      group.run(() => {
        insert('half-written')();
        throw new Error('this one fails after writing');
      }),
      group.run(insert('first')),
      group.run(insert('last')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(bodies()).toEqual(['first', 'last']);
  });

  test('nothing is acknowledged before it is committed: a failed commit rejects the whole group', async () => {
    const group = new GroupCommit(db);
    // A deferred foreign key that is still broken at COMMIT makes the commit itself fail.
    db.exec(
      'PRAGMA foreign_keys = ON; CREATE TABLE parents (id INTEGER PRIMARY KEY); CREATE TABLE children (parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)',
    );
    const results = await Promise.allSettled([
      group.run(insert('stored?')),
      group.run(() => db.prepare('INSERT INTO children (parent) VALUES (42)').run().changes),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(bodies()).toEqual([]);
  });

  test('a queue longer than a group is all written, group after group', async () => {
    const group = new GroupCommit(db, 10);
    await Promise.all(Array.from({ length: 35 }, (_, index) => group.run(insert(`note ${index}`))));
    expect(bodies()).toHaveLength(35);
  });
});
