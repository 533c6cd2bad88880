import type { ReviewRepository, Note } from '../db/reviewRepository';
import type { SubmissionRepository } from '../db/submissionRepository';
import { NotFound } from '../errors';
import type { Actor, AuditLog } from './auditLog';
import type { Clock } from './clock';
import type { ReviewStatus, StoredSubmission } from './submission';

export interface SubmissionUnderReview {
  readonly submission: StoredSubmission;
  readonly notes: Note[];
  readonly tags: string[];
}

/** The officer's review of a submission: its status, notes and tags, each change in the audit log. */
export class ReviewService {
  constructor(
    private readonly submissions: SubmissionRepository,
    private readonly reviews: ReviewRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly inTransaction: <T>(work: () => T) => T,
  ) {}

  find(reference: string): SubmissionUnderReview {
    const submission = this.require(reference);
    return { submission, notes: this.reviews.notesOf(submission.id), tags: this.reviews.tagsOf(submission.id) };
  }

  setStatus(reference: string, status: ReviewStatus, actor: Actor): void {
    const submission = this.require(reference);
    if (submission.status === status) return;
    this.inTransaction(() => {
      this.reviews.setStatus(submission.id, status);
      this.audit.record(actor, 'status-changed', reference, `${submission.status} → ${status}`);
    });
  }

  addNote(reference: string, body: string, actor: Actor): void {
    const submission = this.require(reference);
    this.inTransaction(() => {
      this.reviews.addNote(submission.id, actor.officerId!, body, this.clock.now());
      this.audit.record(actor, 'note-added', reference);
    });
  }

  addTag(reference: string, tag: string, actor: Actor): void {
    const submission = this.require(reference);
    this.inTransaction(() => {
      if (this.reviews.addTag(submission.id, tag)) this.audit.record(actor, 'tag-added', reference, tag);
    });
  }

  removeTag(reference: string, tag: string, actor: Actor): void {
    const submission = this.require(reference);
    this.inTransaction(() => {
      if (this.reviews.removeTag(submission.id, tag)) this.audit.record(actor, 'tag-removed', reference, tag);
    });
  }

  tagCounts(consultation: string): { name: string; count: number }[] {
    return this.reviews.tagCounts(consultation);
  }

  private require(reference: string): StoredSubmission {
    const submission = this.submissions.findByReference(reference);
    if (!submission) throw new NotFound();
    return submission;
  }
}
