import type { OutboxRepository } from './outboxRepository';
import type { MailTransport } from './transport';

/** Removes the copies of sent email that erasures recorded, once the erasures have committed. */
export class MailCopies {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transport: Pick<MailTransport, 'removeCopies'>,
    /** A message this process is sending now is written after this runs: it is left for the next run. */
    private readonly isSending: (messageId: string) => boolean = () => false,
    private readonly reportError: (error: unknown) => void = (error) => console.error('Removing the email files of erased responses:', error),
  ) {}

  /**
   * Removes what is recorded: after an erasure, on every round of the mail worker, and at start.
   * Never throws: what could not be removed stays recorded for the next round. Returns how many.
   */
  removeRecorded(): number {
    try {
      const messageIds = this.outbox.copiesToRemove().filter((messageId) => !this.isSending(messageId));
      this.transport.removeCopies(messageIds);
      for (const messageId of messageIds) this.outbox.copiesRemoved(messageId);
      return messageIds.length;
    } catch (error) {
      this.reportError(error);
      return 0;
    }
  }
}
