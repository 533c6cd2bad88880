import fs from 'node:fs';
import type { Consultation } from '../content/consultation';
import type { ReviewRepository } from '../db/reviewRepository';
import type { SortOrder, SubmissionFilter, SubmissionQueries } from '../db/submissionQueries';
import type { SubmissionRepository } from '../db/submissionRepository';
import type { AttachmentStore } from './attachmentStore';
import type { Actor, AuditLog } from './auditLog';
import type { ExportPaper, ExportRow } from './exports/exportRow';
import type { StoredSubmission } from './submission';

/** How the interface names things, so that the spreadsheet reads as the workspace does. */
export interface ExportLabels {
  respondentType(type: string): string;
  constituency(slug: string): string;
}

export type ExportKind = 'csv' | 'xlsx' | 'reports zip';

/** Everything matching a filter, read one submission at a time, for the exports. */
export class ExportService {
  readonly papers: readonly ExportPaper[];

  constructor(
    private readonly consultation: Consultation,
    private readonly queries: SubmissionQueries,
    private readonly submissions: SubmissionRepository,
    private readonly reviews: ReviewRepository,
    private readonly attachments: AttachmentStore,
    private readonly audit: AuditLog,
  ) {
    this.papers = consultation.papers.map(({ slug, title }) => ({ slug, title }));
  }

  /** Records an export and its filters; a search's words are left out, as they may be someone's name. */
  record(actor: Actor, kind: ExportKind, filterQuery: string): void {
    const filters = new URLSearchParams(filterQuery);
    if (filters.has('q')) filters.set('q', '…');
    const described = filters.toString();
    this.audit.record(actor, 'exported', null, described ? `${kind} ?${decodeURIComponent(described)}` : kind);
  }

  *rows(filter: SubmissionFilter, sort: SortOrder, labels: ExportLabels): Generator<ExportRow> {
    for (const submission of this.matching(filter, sort)) {
      yield {
        reference: submission.reference,
        receivedAt: submission.receivedAt.toISOString(),
        channel: submission.channel,
        language: submission.language,
        respondentType: labels.respondentType(submission.respondentType),
        name: submission.name,
        email: submission.email,
        bodyName: submission.bodyName,
        roleInBody: submission.roleInBody,
        constituency: labels.constituency(submission.constituency),
        answersByPaper: this.answersByPaper(submission),
        anythingElse: submission.anythingElse,
        meetingDate: submission.meetingDate,
        meetingAttendance: submission.meetingAttendance,
        consentToQuote: submission.consentToQuote,
        status: submission.status,
        tags: this.reviews.tagsOf(submission.id),
        attachmentNames: submission.attachments.map((attachment) => attachment.originalName),
      };
    }
  }

  *reportFiles(filter: SubmissionFilter, sort: SortOrder): Generator<{ reference: string; originalName: string; path: string }> {
    for (const submission of this.matching(filter, sort)) {
      for (const attachment of submission.attachments) {
        const filePath = this.attachments.pathOf(attachment.storedName);
        // Erased since the export began: leave it out rather than fail the whole archive.
        if (fs.existsSync(filePath)) yield { reference: submission.reference, originalName: attachment.originalName, path: filePath };
      }
    }
  }

  private *matching(filter: SubmissionFilter, sort: SortOrder): Generator<StoredSubmission> {
    for (const id of this.queries.matchingIds(filter, sort)) {
      const submission = this.submissions.findById(id);
      if (submission) yield submission;
    }
  }

  /** One cell a paper: the answer to the whole paper, then each section's under its title. */
  private answersByPaper(submission: StoredSubmission): Record<string, string> {
    const cells: Record<string, string> = {};
    for (const paper of this.consultation.papers) {
      const parts = submission.answers
        .filter((answer) => answer.paper === paper.slug)
        .map((answer) => {
          const section = paper.sections.find((candidate) => candidate.slug === answer.section);
          return section ? `[${section.title}]\n${answer.body}` : answer.body;
        });
      cells[paper.slug] = parts.join('\n\n');
    }
    return cells;
  }
}
