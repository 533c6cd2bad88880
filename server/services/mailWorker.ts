import type { DigestService } from './digestService';
import type { MailCopies } from './mailCopies';
import type { MailDelivery } from './mailDelivery';

/**
 * Runs in the server process: every poll it makes any digest that has fallen due, delivers what
 * is waiting in the outbox, and removes the email files of erased responses still to go.
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
    private readonly reportError: (error: unknown) => void = (error) => console.error('Mail worker:', error),
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
        .catch(this.reportError)
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
