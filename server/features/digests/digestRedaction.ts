import type { DigestRepository } from './digestRepository';
import type { OutboxRepository } from '../../mail/outboxRepository';
import type { MessageBuilder } from '../../mail/messageBuilder';
import { storedDigestContent, withoutMentionsOf, writeDigest } from './digestContent';

/** Takes an erased response out of every digest that mentions it, queued or sent. */
export class DigestRedaction {
  constructor(
    private readonly digests: DigestRepository,
    private readonly outbox: OutboxRepository,
    private readonly messages: MessageBuilder,
  ) {}

  /** In the erasure's transaction, before the response is deleted. Returns the message ids of the digests' copies. */
  forget(submissionId: number, reference: string): string[] {
    return this.digests.mentioning(submissionId).flatMap(({ id, content }) => {
      const redacted = withoutMentionsOf(storedDigestContent(content), new Set([reference]));
      this.digests.storeContent(id, JSON.stringify(redacted));
      // Each copy is written again in the language it was sent in.
      return this.outbox
        .digestLanguages(id)
        .flatMap((language) => this.outbox.rewriteDigest(id, language, writeDigest(this.messages, redacted, language)));
    });
  }
}
