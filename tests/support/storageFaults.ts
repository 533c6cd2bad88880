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
