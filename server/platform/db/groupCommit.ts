import type { Db } from './database';

interface PendingWrite {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Writes that arrive together commit together. Most of a small transaction's cost is its commit:
 * the pages of every index it touched go to the write-ahead log. When responses pour in before a
 * deadline, the writes queued during one turn of the event loop share one transaction, each in a
 * savepoint of its own, so one that fails is undone alone. Every write's promise settles only
 * after the commit, so nothing is acknowledged before it is stored.
 */
export class GroupCommit {
  private pending: PendingWrite[] = [];
  private flushScheduled = false;

  constructor(
    private readonly db: Db,
    private readonly largestGroup = 200,
  ) {}

  /** Runs `work` (synchronous, as every better-sqlite3 transaction must be) in the next group. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const group = this.pending.splice(0, this.largestGroup);
    if (this.pending.length > 0) this.scheduleFlush();
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const write of group) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(write.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const write of group) write.reject(error);
      return;
    }
    group.forEach((write, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }
}
