import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-migrate-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('are applied once, in order, and recorded; the database is in WAL mode with foreign keys on', () => {
    const db = openDatabase(path.join(dir, 'portal.db'));
    const migrationsDir = path.join(projectRoot, 'migrations');
    expect(migrate(db, migrationsDir)).toEqual(fs.readdirSync(migrationsDir).sort());
    expect(migrate(db, migrationsDir)).toEqual([]);
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
      fs.readdirSync(migrationsDir).sort(),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  test('a failing migration leaves nothing of itself behind', () => {
    const migrationsDir = path.join(dir, 'migrations');
    fs.mkdirSync(migrationsDir);
    fs.writeFileSync(path.join(migrationsDir, '0001_good.sql'), 'CREATE TABLE good (id INTEGER PRIMARY KEY);');
    fs.writeFileSync(path.join(migrationsDir, '0002_bad.sql'), 'CREATE TABLE half (id INTEGER); SELECT * FROM missing_table;');
    const db = openDatabase(path.join(dir, 'portal.db'));
    expect(() => migrate(db, migrationsDir)).toThrow(/missing_table/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('good');
    expect(tables).not.toContain('half');
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    db.close();
  });
});
