import type { OutboxRepository } from './outboxRepository';
import type { MailTransport } from './transport';

export interface MailCopiesDependencies {
  readonly outbox: OutboxRepository;
  readonly transport: Pick<MailTransport, 'removeCopies'>;
  /** A message this process is sending now is written after this runs: it is left for the next run. */
  readonly isSending?: (messageId: string) => boolean;
}

/** Removes the copies of sent email that erasures recorded, once the erasures have committed. */
export class MailCopies {
  constructor(private readonly deps: MailCopiesDependencies) {}

  /**
   * Removes what is recorded: after an erasure, on every round of the mail worker, and at start.
   * Never throws: what could not be removed stays recorded for the next round. Returns how many.
   */
  removeRecorded(): number {
    const { outbox, transport, isSending = () => false } = this.deps;
    try {
      const messageIds = outbox.copiesToRemove().filter((messageId) => !isSending(messageId));
      transport.removeCopies(messageIds);
      for (const messageId of messageIds) outbox.copiesRemoved(messageId);
      return messageIds.length;
    } catch (error) {
      console.error('Removing the email files of erased responses:', error);
      return 0;
    }
  }
}
