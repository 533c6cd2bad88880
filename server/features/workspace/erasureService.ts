import type { OutboxRepository } from '../../mail/outboxRepository';
import type { ReviewRepository } from '../../submissions/reviewRepository';
import type { SubmissionRepository } from '../../submissions/submissionRepository';
import { NotFound } from '../../platform/errors';
import { logFailure } from '../../platform/logFailure';
import type { AttachmentStore } from '../../submissions/reports/attachmentStore';
import type { Actor, AuditLog } from '../../platform/audit/auditLog';
import type { DigestRedaction } from '../digests';
import type { MailCopies } from '../../mail/mailCopies';

export interface ErasureDependencies {
  readonly submissions: SubmissionRepository;
  readonly reviews: ReviewRepository;
  readonly attachments: AttachmentStore;
  readonly audit: AuditLog;
  readonly digests: DigestRedaction;
  readonly outbox: OutboxRepository;
  readonly mailCopies: MailCopies;
  readonly inTransaction: <T>(work: () => T) => T;
  /** Empties the database's write-ahead log, now or (if a reader holds it up) later, so that no copy of deleted pages is left in it. */
  readonly checkpoint: () => void;
}

/** Erasure on request: a submission and every copy of it the portal holds, gone for good. */
export class ErasureService {
  constructor(private readonly deps: ErasureDependencies) {}

  /**
   * Deletes the submission, its answers, search entry, notes, tags, queued email and files; writes
   * every digest that mentions it again without it; and removes the email files the file
   * transport wrote of its receipt and of those digests. The audit log keeps that it happened, by
   * whom, and the reference, but none of the content. Files are set aside before the deletion
   * commits, so a failure puts them back; the email files to remove are recorded in the same
   * transaction. A crash before either is done is finished at start.
   */
  erase(reference: string, actor: Actor): void {
    const { submissions, reviews, attachments, audit, digests, outbox, mailCopies, inTransaction, checkpoint } =
      this.deps;
    const submission = submissions.findByReference(reference);
    if (!submission) throw new NotFound();
    const storedNames = submission.attachments.map((attachment) => attachment.storedName);
    const setAside: string[] = [];
    try {
      for (const storedName of storedNames) {
        attachments.setAside(storedName);
        setAside.push(storedName);
      }
      inTransaction(() => {
        // Before the delete, which takes the receipt's outbox row and the digests' mentions with it.
        outbox.noteCopiesToRemove([
          ...outbox.receiptMessageIdsOf(submission.id),
          ...digests.forget(submission.id, reference),
        ]);
        submissions.delete(submission.id);
        reviews.removeUnusedTags();
        audit.forgetContentOf(reference);
        audit.record(actor, 'erased', reference);
      });
    } catch (error) {
      for (const storedName of setAside) attachments.restore(storedName);
      throw error;
    }
    // The erasure has committed. What is left to tidy is tried again if it fails now (files by a
    // timer and at the next start, email copies at the mail worker's next poll), so a failure here
    // is logged rather than reported to the officer as an erasure that did not happen.
    try {
      for (const storedName of storedNames) attachments.discardSetAside(storedName);
      mailCopies.removeRecorded();
    } catch (error) {
      logFailure(`Tidying after erasing ${reference}`, error);
    }
    checkpoint();
  }
}
