import type { ReviewRepository, Note } from '../../submissions/reviewRepository';
import type { SubmissionRepository } from '../../submissions/submissionRepository';
import { NotFound } from '../../platform/errors';
import type { Actor, AuditLog } from '../../platform/audit/auditLog';
import type { Clock } from '../../platform/time/clock';
import type { StoredSubmission } from '../../submissions/submission';
import type { ReviewStatus } from '../../submissions/vocabulary';

export interface SubmissionUnderReview {
  readonly submission: StoredSubmission;
  readonly notes: Note[];
  readonly tags: string[];
}

/** What the officer sends with one press of "Save" on a submission's review. */
export interface ReviewChange {
  /** Null when the officer left the status as the page showed it: another officer may have changed it since. */
  readonly status: ReviewStatus | null;
  /** Null when no note was written. */
  readonly note: string | null;
  readonly addTags: readonly string[];
  readonly removeTags: readonly string[];
}

/** How the audit log records a change of status: "new → read". */
const statusChange = (from: ReviewStatus, to: ReviewStatus) => `${from} → ${to}`;

export interface ReviewDependencies {
  readonly submissions: SubmissionRepository;
  readonly reviews: ReviewRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly inTransaction: <T>(work: () => T) => T;
}

/** The officer's review of a submission: its status, notes and tags, each change in the audit log. */
export class ReviewService {
  constructor(private readonly deps: ReviewDependencies) {}

  find(reference: string): SubmissionUnderReview {
    const submission = this.require(reference);
    return {
      submission,
      notes: this.deps.reviews.notesOf(submission.id),
      tags: this.deps.reviews.tagsOf(submission.id),
    };
  }

  /** A submission the officer opens to read: one still "new" is marked "read", by them. */
  open(reference: string, actor: Actor): SubmissionUnderReview {
    const submission = this.require(reference);
    if (submission.status === 'new') {
      this.deps.inTransaction(() => {
        // Only if it is still new: two officers opening it at once record one change.
        if (this.deps.reviews.markRead(submission.id))
          this.deps.audit.record(actor, 'status-changed', reference, statusChange('new', 'read'));
      });
    }
    return this.find(reference);
  }

  /** Saves a review in one transaction: the status, a new note, tags added and removed, each change audited. */
  save(reference: string, change: ReviewChange, actor: Actor): void {
    this.deps.inTransaction(() => {
      // Read inside the transaction, so that the change the audit log records is from the status as it is now.
      const submission = this.require(reference);
      if (change.status !== null && submission.status !== change.status) {
        this.deps.reviews.setStatus(submission.id, change.status);
        this.deps.audit.record(actor, 'status-changed', reference, statusChange(submission.status, change.status));
      }
      if (change.note !== null) {
        this.deps.reviews.addNote(submission.id, actor.officerId!, change.note, this.deps.clock.now());
        this.deps.audit.record(actor, 'note-added', reference);
      }
      for (const tag of change.removeTags) {
        if (this.deps.reviews.removeTag(submission.id, tag))
          this.deps.audit.record(actor, 'tag-removed', reference, tag);
      }
      for (const tag of change.addTags) {
        if (this.deps.reviews.addTag(submission.id, tag)) this.deps.audit.record(actor, 'tag-added', reference, tag);
      }
    });
  }

  private require(reference: string): StoredSubmission {
    const submission = this.deps.submissions.findByReference(reference);
    if (!submission) throw new NotFound();
    return submission;
  }
}
