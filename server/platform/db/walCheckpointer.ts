import type { Db } from './database';

export interface CheckpointRetries {
  readonly firstRetryMs: number;
  readonly longestRetryMs: number;
}

// 1 s, 2 s, 4 s … then every minute, for as long as a reader holds on.
export const defaultCheckpointRetries: CheckpointRetries = { firstRetryMs: 1_000, longestRetryMs: 60_000 };

interface CheckpointResult {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

/**
 * Copies the write-ahead log into the database file and empties it, so that no earlier version
 * of a page (an erased response's words) is left in either. A reader holding an older snapshot
 * (a backup being taken, another process's long read) stops it part-way: then it is tried again
 * in the background, with backoff, until it completes or the portal stops.
 */
export class WalCheckpointer {
  private retry: NodeJS.Timeout | null = null;
  private failedAttempts = 0;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly retries: CheckpointRetries = defaultCheckpointRetries,
    private readonly log: (message: string) => void = (message) => console.warn(message),
  ) {}

  /** Checkpoints now; if that does not complete, tries again later. Never throws. Returns whether it completed now. */
  checkpoint(): boolean {
    if (this.stopped) return false;
    let outcome: string;
    try {
      const { busy, log, checkpointed } = this.attempt();
      if (busy === 0 && log === checkpointed) {
        if (this.failedAttempts > 0)
          this.log(`The write-ahead log was emptied, after ${this.failedAttempts} attempt(s) a reader held up.`);
        this.failedAttempts = 0;
        this.stopRetrying();
        return true;
      }
      outcome = `another reader holds an older snapshot (${checkpointed} of ${log} pages copied)`;
    } catch (error) {
      outcome = error instanceof Error ? error.message : String(error);
    }
    this.failedAttempts += 1;
    if (!this.retry) {
      const waitMs = Math.min(this.retries.firstRetryMs * 2 ** (this.failedAttempts - 1), this.retries.longestRetryMs);
      this.log(`The write-ahead log could not be emptied yet: ${outcome}. Trying again in ${waitMs / 1000} s.`);
      this.retry = setTimeout(() => {
        this.retry = null;
        this.checkpoint();
      }, waitMs).unref();
    }
    return false;
  }

  /** Whether a checkpoint is still owed. */
  get pending(): boolean {
    return this.retry !== null;
  }

  /** On shutdown: no more attempts (the connection is about to close, which checkpoints if it can). */
  stop(): void {
    this.stopped = true;
    this.stopRetrying();
  }

  private stopRetrying(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private attempt(): CheckpointResult {
    // Waiting for readers would hold up every request for the busy timeout: the retries wait instead.
    const busyTimeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[];
      return result!;
    } finally {
      this.db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
}
