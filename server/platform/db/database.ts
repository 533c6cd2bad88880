import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * How long a write waits for another process's to finish, in the server once it serves. Its one
 * thread serves everyone, so a write waiting on a lock holds up every other request; after this
 * the write fails, and its request gets the "try again in a minute" page. Command-line tools run
 * alone, and wait up to five seconds.
 */
const serverBusyTimeoutMs = 200;

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

/** For the server once it has started: a write that finds the database locked fails fast. */
export function failFastWhenLocked(db: Db): void {
  db.pragma(`busy_timeout = ${serverBusyTimeoutMs}`);
}
