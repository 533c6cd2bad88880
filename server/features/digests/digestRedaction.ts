import type { DigestRepository } from './digestRepository';
import type { OutboxRepository } from '../../mail/outboxRepository';
import type { ConsultationEmails } from '../../submissions/consultationEmails';
import { storedDigestContent, withoutMentionsOf } from './digestContent';
import { digestMessage } from './digestMessage';

/** Takes an erased response out of every digest that mentions it, queued or sent. */
export class DigestRedaction {
  constructor(
    private readonly digests: DigestRepository,
    private readonly outbox: OutboxRepository,
    private readonly emails: ConsultationEmails,
  ) {}

  /** In the erasure's transaction, before the response is deleted. Returns the message ids of the digests' copies. */
  forget(submissionId: number, reference: string): string[] {
    return this.digests.mentioning(submissionId).flatMap(({ id, content }) => {
      const redacted = withoutMentionsOf(storedDigestContent(content), new Set([reference]));
      this.digests.storeContent(id, JSON.stringify(redacted));
      // Each copy is written again in the language it was sent in.
      return this.outbox
        .digestLanguages(id)
        .flatMap((language) => this.outbox.rewriteDigest(id, language, digestMessage(this.emails, redacted, language)));
    });
  }
}
