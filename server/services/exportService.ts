import fs from 'node:fs';
import type { Consultation } from '../content/consultation';
import type { ReviewRepository } from '../db/reviewRepository';
import type { SortOrder, SubmissionFilter, SubmissionQueries } from '../db/submissionQueries';
import type { SubmissionRepository } from '../db/submissionRepository';
import { NotFound } from '../errors';
import type { AttachmentStore } from './attachmentStore';
import type { Actor, AuditLog } from './auditLog';
import type { ExportPaper, ExportRow } from './exports/exportRow';
import type { ZipNote, ZipSource } from './exports/zipExport';
import type { ReportRisk } from './reportRisks';
import type { Answer, StoredSubmission } from './submission';

/** How the interface names things, so that the spreadsheet reads as the workspace does. */
export interface ExportLabels {
  respondentType(type: string): string;
  constituency(slug: string): string;
}

export const exportKinds = ['csv', 'xlsx', 'reports zip'] as const;
export type ExportKind = (typeof exportKinds)[number];

/**
 * Submissions read a few hundred at a time: a few queries a batch, not a few a row. Larger
 * batches stay alive across more garbage collections, which then cost more than the queries save.
 */
const defaultBatchSize = 250;

/** Everything matching a filter, read a batch of submissions at a time, for the exports. */
export class ExportService {
  readonly papers: readonly ExportPaper[];
  /** Paper slug → section slug → section title. */
  private readonly sectionTitles: ReadonlyMap<string, ReadonlyMap<string, string>>;

  constructor(
    consultation: Consultation,
    private readonly queries: SubmissionQueries,
    private readonly submissions: SubmissionRepository,
    private readonly reviews: ReviewRepository,
    private readonly attachments: AttachmentStore,
    private readonly audit: AuditLog,
    private readonly batchSize = defaultBatchSize,
  ) {
    this.papers = consultation.papers.map(({ slug, title }) => ({ slug, title }));
    this.sectionTitles = new Map(
      consultation.papers.map((paper) => [paper.slug, new Map(paper.sections.map((section) => [section.slug, section.title]))]),
    );
  }

  /** Records an export and its filters; a search's words are left out, as they may be someone's name. */
  record(actor: Actor, kind: ExportKind, filterQuery: string): void {
    const filters = new URLSearchParams(filterQuery);
    if (filters.has('q')) filters.set('q', '…');
    const described = filters.toString();
    this.audit.record(actor, 'exported', null, described ? `${kind} ?${decodeURIComponent(described)}` : kind);
  }

  /**
   * One attached report, for the officer to download, recorded in the audit log with its file
   * name (which an erasure clears). Not found if the submission, the report or its file is gone.
   */
  report(reference: string, position: number, actor: Actor): { path: string; originalName: string; mediaType: string } {
    const attachment = this.submissions.findByReference(reference)?.attachments[position];
    const filePath = attachment ? this.attachments.pathOf(attachment.storedName) : null;
    if (!attachment || !filePath || !fs.existsSync(filePath)) throw new NotFound();
    this.audit.record(actor, 'report-downloaded', reference, attachment.originalName);
    return { path: filePath, originalName: attachment.originalName, mediaType: attachment.mediaType };
  }

  *rows(filter: SubmissionFilter, sort: SortOrder, labels: ExportLabels): Generator<ExportRow> {
    for (const batch of this.matchingBatches(filter, sort)) {
      const tagsById = this.reviews.tagsOfMany(batch.map((submission) => submission.id));
      for (const submission of batch) yield this.exportRow(submission, tagsById.get(submission.id) ?? [], labels);
    }
  }

  /** Every report of the matching submissions, with a note (from `noteOf`) beside any that could run something when opened. */
  *reportFiles(filter: SubmissionFilter, sort: SortOrder, noteOf: (risk: ReportRisk, originalName: string) => ZipNote): Generator<ZipSource> {
    for (const batch of this.matchingBatches(filter, sort)) {
      for (const submission of batch) {
        for (const attachment of submission.attachments) {
          const filePath = this.attachments.pathOf(attachment.storedName);
          // Erased since the export began: left out rather than failing the whole archive.
          if (!fs.existsSync(filePath)) continue;
          const { originalName, risk } = attachment;
          yield { reference: submission.reference, originalName, path: filePath, note: risk ? noteOf(risk, originalName) : null };
        }
      }
    }
  }

  /**
   * Each batch is read whole before it is yielded, so no statement stays open while the
   * consumer waits for the client; a submission erased in the meantime is left out.
   */
  private *matchingBatches(filter: SubmissionFilter, sort: SortOrder): Generator<StoredSubmission[]> {
    for (const ids of this.queries.matchingIdBatches(filter, sort, this.batchSize)) {
      yield this.submissions.findManyByIds(ids);
    }
  }

  private exportRow(submission: StoredSubmission, tags: readonly string[], labels: ExportLabels): ExportRow {
    return {
      reference: submission.reference,
      receivedAt: submission.receivedAt.toISOString(),
      sentAfterClose: submission.sentAfterClose,
      channel: submission.channel,
      language: submission.language,
      respondentType: labels.respondentType(submission.respondentType),
      name: submission.name,
      email: submission.email,
      bodyName: submission.bodyName,
      roleInBody: submission.roleInBody,
      constituency: labels.constituency(submission.constituency),
      answersByPaper: this.answersByPaper(submission.answers),
      anythingElse: submission.anythingElse,
      meetingDate: submission.meetingDate,
      meetingAttendance: submission.meetingAttendance,
      consentToQuote: submission.consentToQuote,
      status: submission.status,
      tags,
      attachmentNames: submission.attachments.map((attachment) => attachment.originalName),
    };
  }

  /** One cell a paper: the answer to the whole paper, then each section's under its title. */
  private answersByPaper(answers: readonly Answer[]): Record<string, string> {
    const partsByPaper = new Map<string, string[]>();
    for (const answer of answers) {
      const titles = this.sectionTitles.get(answer.paper);
      if (!titles) continue;
      const title = answer.section === null ? undefined : titles.get(answer.section);
      const part = title === undefined ? answer.body : `[${title}]\n${answer.body}`;
      const parts = partsByPaper.get(answer.paper);
      if (parts) parts.push(part);
      else partsByPaper.set(answer.paper, [part]);
    }
    const cells: Record<string, string> = {};
    for (const { slug } of this.papers) cells[slug] = partsByPaper.get(slug)?.join('\n\n') ?? '';
    return cells;
  }
}
