import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './database';

const migrationFileName = /^(\d{4})_[a-z0-9_]+\.sql$/;

/**
 * Applies the numbered SQL files in `migrationsDir` that this database has not seen yet, in
 * order, each in its own transaction, and records each one. Returns the names it applied.
 */
export function migrate(db: Db, migrationsDir: string): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const appliedVersions = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const pending = fs
    .readdirSync(migrationsDir)
    .filter((name) => migrationFileName.test(name))
    .sort()
    .filter((name) => !appliedVersions.has(Number(name.slice(0, 4))));

  for (const name of pending) {
    const sql = fs.readFileSync(path.join(migrationsDir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      record.run(Number(name.slice(0, 4)), name, new Date().toISOString());
    })();
  }
  return pending;
}
