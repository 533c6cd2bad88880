import { isLockedByAnother } from '../platform/db/storageFaults';
import { logFailure } from '../platform/logFailure';
import type { DigestService } from '../features/digests/digestService';
import type { MailCopies } from './mailCopies';
import type { MailDelivery } from './mailDelivery';

/** Resolves when `signal` aborts; never without one. */
function abortOf(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    else signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Runs in the server process: every poll it makes any digest that has fallen due, delivers what
 * is waiting in the outbox, and removes the email files of erased responses still to go. A poll
 * that fails is logged (unless another process only had the database locked: then it is tried
 * again at the next poll, quietly) and the next goes ahead.
 * Stopping waits for the delivery under way to finish.
 */
export class MailWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly digests: DigestService,
    private readonly delivery: MailDelivery,
    private readonly mailCopies: MailCopies,
    private readonly pollMs: number,
    private readonly reportError: (error: unknown) => void = (error) => logFailure('Mail worker', error),
  ) {}

  async runOnce(): Promise<void> {
    this.digests.makeDue();
    // Once stopping, the message being sent is finished but no other is started.
    await this.delivery.deliverDue(undefined, () => !this.stopped);
    // An erased response's copy may have been written by a delivery that was under way as it was erased.
    this.mailCopies.removeRecorded();
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.running = this.runOnce()
        .catch((error: unknown) => {
          if (!isLockedByAnother(error)) this.reportError(error);
        })
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
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
