import { StorageUnavailable } from '../errors';

/** SQLite result codes (primary, before any extended suffix) that mean storage is unavailable for now. */
const sqliteStorageCodes = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
];

/** File system error codes that mean the same for the files beside the database. */
const fileStorageCodes = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EACCES', 'EPERM']);

/**
 * An error from better-sqlite3, known by its name and code rather than by `instanceof`: the
 * native addon raises the SqliteError class of the first copy of the module a process loaded,
 * and under jest, where each test file has its own copy and its own globals, that class and the
 * Error it derives from may be another file's.
 */
export function isSqliteError(error: unknown): error is { code: string; message: string } {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return name === 'SqliteError' && typeof code === 'string';
}

/**
 * Whether `error` says that the database or the disk cannot be written just now (locked by another
 * process, read-only, full, or failing), rather than that the portal has a bug. The portal's own
 * StorageUnavailable, raised for such a fault, is one too.
 */
export function isStorageFault(error: unknown): boolean {
  if (error instanceof StorageUnavailable) return true;
  if (isSqliteError(error)) {
    return sqliteStorageCodes.some((code) => error.code === code || error.code.startsWith(`${code}_`));
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && fileStorageCodes.has(code);
}

/** Whether `error` is only another process holding the database: it passes, and is not worth a line in a log. */
export function isLockedByAnother(error: unknown): boolean {
  return isSqliteError(error) && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(error.code);
}
