import type { OutboxRepository, OutboxRow } from './outboxRepository';
import type { BuiltMessage } from './builtMessage';
import { PermanentDeliveryFailure, type MailTransport } from './transport';
import type { Clock } from '../platform/time/clock';

export interface DeliveryPolicy {
  /** How long a worker holds a message it is sending before another may try it. */
  readonly leaseMs: number;
  readonly firstRetryMs: number;
  readonly longestRetryMs: number;
  /** After this many tries a message is marked undeliverable and shown to the officer. */
  readonly maxAttempts: number;
}

// Retries at 30 s, 1, 2, 4 … minutes, then hourly: about two days before giving up.
export const defaultDeliveryPolicy: DeliveryPolicy = {
  leaseMs: 2 * 60_000,
  firstRetryMs: 30_000,
  longestRetryMs: 60 * 60_000,
  maxAttempts: 50,
};

/** Who every message is from, and where replies to it go. */
export interface Sender {
  readonly from: string;
  readonly replyTo: string;
}

/** A response's receipt, written from what is stored; null if the response is no longer there. */
export type WriteReceipt = (submissionId: number) => BuiltMessage | null;

/** The email with a link back to a draft, written from its queued row; null if the draft has gone or the link cannot be unsealed. */
export type WriteDraftLink = (message: Extract<OutboxRow, { kind: 'draft-link' }>) => BuiltMessage | null;

export interface DeliveryDependencies {
  readonly outbox: OutboxRepository;
  readonly transport: MailTransport;
  readonly writeReceipt: WriteReceipt;
  readonly writeDraftLink: WriteDraftLink;
  readonly sender: Sender;
  readonly clock: Clock;
  readonly policy: DeliveryPolicy;
}

/** Delivers what is due in the outbox: each message once, retried with backoff while it can still succeed. */
export class MailDelivery {
  /** Messages the mail server accepted whose sending could not be recorded yet, with when they went. */
  private readonly sentButNotRecorded = new Map<number, Date>();
  /** The Message-IDs of what this process is sending now (its words were read before the send began). */
  private readonly sending = new Set<string>();

  constructor(private readonly deps: DeliveryDependencies) {}

  /**
   * Sends due messages, one at a time, until none is due, `limit` have been tried, or
   * `keepGoing` says to stop (asked before each message); returns how many were tried.
   */
  async deliverDue(limit = 100, keepGoing: () => boolean = () => true): Promise<number> {
    this.recordEarlierSends();
    for (let tried = 0; tried < limit; tried += 1) {
      if (!keepGoing()) return tried;
      const message = this.deps.outbox.claimNextDue(this.deps.clock.now(), this.deps.policy.leaseMs);
      if (!message) return tried;
      this.sending.add(message.messageId);
      try {
        const { subject, text, html } = this.contentOf(message);
        await this.deps.transport.send({
          messageId: message.messageId,
          ...this.deps.sender,
          to: message.recipient,
          subject,
          text,
          html,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof PermanentDeliveryFailure || message.attempts >= this.deps.policy.maxAttempts) {
          this.deps.outbox.markFailed(message.id, reason);
        } else {
          const wait = Math.min(
            this.deps.policy.firstRetryMs * 2 ** (message.attempts - 1),
            this.deps.policy.longestRetryMs,
          );
          this.deps.outbox.markRetry(message.id, reason, new Date(this.deps.clock.now().getTime() + wait));
        }
        continue;
      } finally {
        this.sending.delete(message.messageId);
      }
      // In the same turn as the mail server's acceptance arrives: a crash in between sends it twice.
      this.recordSent(message.id, this.deps.clock.now());
    }
    return limit;
  }

  /**
   * Marks a message sent. If that cannot be stored (another process holds the database, say),
   * it is remembered and marked at the next poll, instead of being sent again once its lease
   * runs out; the error still ends this poll.
   */
  private recordSent(id: number, sentAt: Date): void {
    try {
      this.deps.outbox.markSent(id, sentAt);
    } catch (error) {
      this.sentButNotRecorded.set(id, sentAt);
      throw error;
    }
  }

  private recordEarlierSends(): void {
    for (const [id, sentAt] of this.sentButNotRecorded) {
      this.deps.outbox.markSent(id, sentAt);
      this.sentButNotRecorded.delete(id);
    }
  }

  /** Whether this process is sending the message now: its email file, if any, is not written yet. */
  isSending(messageId: string): boolean {
    return this.sending.has(messageId);
  }

  private contentOf(message: OutboxRow): BuiltMessage {
    if (message.kind === 'digest') return message.message;
    if (message.kind === 'draft-link') {
      const link = this.deps.writeDraftLink(message);
      if (!link) throw new PermanentDeliveryFailure('The draft this link is for has gone, or its link cannot be read.');
      return link;
    }
    const receipt = this.deps.writeReceipt(message.submissionId);
    // Erasing a response takes its queued receipt with it, so this is only a safeguard.
    if (!receipt) throw new PermanentDeliveryFailure('The response this receipt is for is no longer stored.');
    return receipt;
  }
}
