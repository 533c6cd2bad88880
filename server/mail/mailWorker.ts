import { isLockedByAnother } from '../platform/db/storageFaults';
import { logFailure } from '../platform/logFailure';
import type { MailCopies } from './mailCopies';
import type { MailDelivery } from './mailDelivery';

/** Resolves when `signal` aborts; never without one. */
function abortOf(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    else signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}

export interface MailWorkerDependencies {
  readonly delivery: MailDelivery;
  readonly mailCopies: MailCopies;
  readonly pollMs: number;
  /** Work that puts email in the outbox when it falls due, such as a scheduled digest: done first on every poll. */
  readonly beforeEachPoll: () => void;
}

/**
 * Runs in the server process: every poll it does the work that falls due (`beforeEachPoll`),
 * delivers what is waiting in the outbox, and removes the email files of erased responses still
 * to go. A poll that fails is logged (unless another process only had the database locked: then
 * it is tried again at the next poll, quietly) and the next goes ahead.
 * Stopping waits for the delivery under way to finish.
 */
export class MailWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: MailWorkerDependencies) {}

  async runOnce(): Promise<void> {
    const { beforeEachPoll, delivery, mailCopies } = this.deps;
    beforeEachPoll();
    // Once stopping, the message being sent is finished but no other is started.
    await delivery.deliverDue(undefined, () => !this.stopped);
    // An erased response's copy may have been written by a delivery that was under way as it was erased.
    mailCopies.removeRecorded();
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.running = this.runOnce()
        .catch((error: unknown) => {
          if (!isLockedByAnother(error)) logFailure('Mail worker', error);
        })
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.deps.pollMs);
        });
    };
    tick();
  }

  /**
   * Stops polling and waits for the delivery under way, or until `deadline` aborts; resolves
   * with whether the delivery finished. One cut off stays claimed in the outbox, and the next
   * start sends it again.
   */
  async stop(deadline?: AbortSignal): Promise<boolean> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const running = this.running;
    if (!running) return true;
    return Promise.race([running.then(() => true), abortOf(deadline).then(() => false)]);
  }
}
