import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Opens the one connection the process uses, with the pragmas every part of the portal relies on. */
export function openDatabase(databasePath: string): Db {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const db = new Database(databasePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 32 MB of pages (the default is 2 MB): a million responses' indexes stay mostly in memory.
  db.pragma('cache_size = -32000');
  // Deleted content is overwritten, not just unlinked: erasure on request must leave no trace.
  db.pragma('secure_delete = ON');
  return db;
}
