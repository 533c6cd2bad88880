import type { ReviewRepository } from '../db/reviewRepository';
import type { SubmissionRepository } from '../db/submissionRepository';
import { NotFound } from '../errors';
import type { AttachmentStore } from './attachmentStore';
import type { Actor, AuditLog } from './auditLog';

/** Erasure on request: a submission and everything of it, gone for good. */
export class ErasureService {
  constructor(
    private readonly submissions: SubmissionRepository,
    private readonly reviews: ReviewRepository,
    private readonly attachments: AttachmentStore,
    private readonly audit: AuditLog,
    private readonly inTransaction: <T>(work: () => T) => T,
    /** Rewrites the database's write-ahead log, so that no copy of deleted pages is left in it. */
    private readonly checkpoint: () => void,
  ) {}

  /**
   * Deletes the submission, its answers, search entry, notes, tags, queued email and files. The
   * audit log keeps that it happened, by whom, and the reference, but none of the content. Files
   * are set aside before the deletion commits, so a failure puts them back and a crash is
   * finished at start.
   */
  erase(reference: string, actor: Actor): void {
    const submission = this.submissions.findByReference(reference);
    if (!submission) throw new NotFound();
    const storedNames = submission.attachments.map((attachment) => attachment.storedName);
    const setAside: string[] = [];
    try {
      for (const storedName of storedNames) {
        this.attachments.setAside(storedName);
        setAside.push(storedName);
      }
      this.inTransaction(() => {
        this.submissions.delete(submission.id);
        this.reviews.removeUnusedTags();
        this.audit.forgetContentOf(reference);
        this.audit.record(actor, 'erased', reference);
      });
    } catch (error) {
      for (const storedName of setAside) this.attachments.restore(storedName);
      throw error;
    }
    for (const storedName of storedNames) this.attachments.discardSetAside(storedName);
    this.checkpoint();
  }
}
