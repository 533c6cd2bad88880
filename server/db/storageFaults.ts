import { SqliteError } from 'better-sqlite3';

/** SQLite result codes (primary, before any extended suffix) that mean storage is unavailable for now. */
const sqliteStorageCodes = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];

/** File system error codes that mean the same for the files beside the database. */
const fileStorageCodes = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EACCES', 'EPERM']);

/**
 * Whether `error` says that the database or the disk cannot be written just now (locked by another
 * process, read-only, full, or failing), rather than that the portal has a bug.
 */
export function isStorageFault(error: unknown): boolean {
  if (error instanceof SqliteError) {
    return sqliteStorageCodes.some((code) => error.code === code || error.code.startsWith(`${code}_`));
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && fileStorageCodes.has(code);
}
