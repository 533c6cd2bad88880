import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import type { TestPortal } from './testPortal';

/**
 * Locks the portal's database for writing, as another process (a backup tool, a second portal
 * started by mistake) can: a second connection holds a write transaction. The portal's own
 * connection is told not to wait for it, so that its writes fail at once with SQLITE_BUSY rather
 * than after the five seconds it waits in service. Returns the release.
 */
export function lockDatabase(portal: TestPortal): () => void {
  portal.db.pragma('busy_timeout = 0');
  const other = new Database(portal.services.config.databasePath);
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
    portal.db.pragma('busy_timeout = 5000');
  };
}

/**
 * Makes a folder refuse new entries, renames and removals (EPERM). Tests run as root, which file
 * permissions do not stop, so this sets the immutable attribute, which binds root too; it needs a
 * file system with attributes (ext4, xfs, btrfs), as the temporary folder is here. Returns the undo.
 */
export function freezeFolder(folder: string): () => void {
  try {
    execFileSync('chattr', ['+i', folder], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`Could not make ${folder} immutable with chattr (needs root and ext4, xfs or btrfs)`, {
      cause: error,
    });
  }
  return () => execFileSync('chattr', ['-i', folder]);
}

/** Runs `work` with console.error silenced: the faults here are logged, and the log is not the test's subject. */
export async function withoutErrorLog<T>(work: () => Promise<T>): Promise<T> {
  const originalError = console.error;
  console.error = () => undefined;
  try {
    return await work();
  } finally {
    console.error = originalError;
  }
}
