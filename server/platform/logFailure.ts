import { isStorageFault } from './db/storageFaults';

/** An error in one line, e.g. "SQLITE_BUSY: database is locked" or "ENOSPC: no space left on device, write". */
export function describeInOneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite's messages do not name their code; Node's file system messages start with theirs.
  return typeof code === 'string' && code.startsWith('SQLITE_') ? `${code}: ${message}` : message;
}

/**
 * Logs a failure that ends one piece of work while the portal carries on. A storage fault (a
 * lock, a read-only or full disk) passes, and is logged in one line; anything else is a bug, and
 * is logged with its stack.
 */
export function logFailure(what: string, error: unknown): void {
  if (isStorageFault(error)) console.error(`${what}: storage unavailable: ${describeInOneLine(error)}`);
  else console.error(`${what}:`, error);
}
