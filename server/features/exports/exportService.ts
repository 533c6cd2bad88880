import fs from 'node:fs';
import type { Consultation } from '../../consultation/consultation';
import type { ReviewRepository } from '../../submissions/reviewRepository';
import type { SubmissionListRepository } from '../../submissions/submissionListRepository';
import type { SortOrder, SubmissionFilter } from '../../submissions/submissionList';
import type { SubmissionRepository } from '../../submissions/submissionRepository';
import type { AttachmentStore } from '../../submissions/reports/attachmentStore';
import type { Actor, AuditLog } from '../../platform/audit/auditLog';
import { NotFound } from '../../platform/errors';
import { londonDateTime } from '../../platform/time/clock';
import { exportColumns, type AnswerColumn, type ExportLanguage, type ExportRow, type ExportSheet } from './exportRow';
import type { ZipNote, ZipSource } from './zipExport';
import type { ReportRisk } from '../../submissions/reports/reportRisks';
import type { Answer, StoredSubmission } from '../../submissions/submission';

export const exportKinds = ['csv', 'xlsx', 'reports zip'] as const;
export type ExportKind = (typeof exportKinds)[number];

/**
 * Submissions read a few hundred at a time: a few queries a batch, not a few a row. Larger
 * batches stay alive across more garbage collections, which then cost more than the queries save.
 */
const defaultBatchSize = 250;

export interface ExportDependencies {
  readonly consultation: Consultation;
  readonly queries: SubmissionListRepository;
  readonly submissions: SubmissionRepository;
  readonly reviews: ReviewRepository;
  readonly attachments: AttachmentStore;
  readonly audit: AuditLog;
  readonly batchSize?: number;
}

/** Everything matching a filter, read a batch of submissions at a time, for the exports. */
export class ExportService {
  /** Every paper's own answer, then each of its sections', in the consultation's order. */
  private readonly answerColumns: readonly AnswerColumn[];
  /** Paper slug → section slug, or '' for the paper's own answer → index in answerColumns. */
  private readonly answerColumnIndex: ReadonlyMap<string, ReadonlyMap<string, number>>;

  constructor(private readonly deps: ExportDependencies) {
    this.answerColumns = deps.consultation.papers.flatMap(({ slug, sections }) => [
      { paper: slug, section: null },
      ...sections.map((section) => ({ paper: slug, section: section.slug })),
    ]);
    const index = new Map<string, Map<string, number>>();
    this.answerColumns.forEach(({ paper, section }, position) => {
      const sections = index.get(paper) ?? new Map<string, number>();
      sections.set(section ?? '', position);
      index.set(paper, sections);
    });
    this.answerColumnIndex = index;
  }

  /** Records an export and its filters; a search's words are left out, as they may be someone's name. */
  record(actor: Actor, kind: ExportKind, filterQuery: string): void {
    const filters = new URLSearchParams(filterQuery);
    if (filters.has('q')) filters.set('q', '…');
    const described = filters.toString();
    this.deps.audit.record(actor, 'exported', null, described ? `${kind} ?${decodeURIComponent(described)}` : kind);
  }

  /**
   * One attached report, for the officer to download, recorded in the audit log with its file
   * name (which an erasure clears). Not found if the submission, the report or its file is gone.
   */
  report(reference: string, position: number, actor: Actor): { path: string; originalName: string; mediaType: string } {
    const attachment = this.deps.submissions.findByReference(reference)?.attachments[position];
    const filePath = attachment ? this.deps.attachments.pathOf(attachment.storedName) : null;
    if (!attachment || !filePath || !fs.existsSync(filePath)) throw new NotFound();
    this.deps.audit.record(actor, 'report-downloaded', reference, attachment.originalName);
    return { path: filePath, originalName: attachment.originalName, mediaType: attachment.mediaType };
  }

  /** The submissions matching a filter, as a spreadsheet's columns and rows in the officer's language. */
  sheet(filter: SubmissionFilter, sort: SortOrder, language: ExportLanguage): ExportSheet {
    return { columns: exportColumns(this.answerColumns, language), rows: this.rows(filter, sort) };
  }

  private *rows(filter: SubmissionFilter, sort: SortOrder): Generator<ExportRow> {
    for (const batch of this.matchingBatches(filter, sort)) {
      const tagsById = this.deps.reviews.tagsOfMany(batch.map((submission) => submission.id));
      for (const submission of batch) yield this.exportRow(submission, tagsById.get(submission.id) ?? []);
    }
  }

  /** Every report of the matching submissions, with a note (from `noteOf`) beside any that could run something when opened. */
  *reportFiles(
    filter: SubmissionFilter,
    sort: SortOrder,
    noteOf: (risk: ReportRisk, originalName: string) => ZipNote,
  ): Generator<ZipSource> {
    for (const batch of this.matchingBatches(filter, sort)) {
      for (const submission of batch) {
        for (const attachment of submission.attachments) {
          const filePath = this.deps.attachments.pathOf(attachment.storedName);
          // Erased since the export began: left out rather than failing the whole archive.
          if (!fs.existsSync(filePath)) continue;
          const { originalName, risk } = attachment;
          yield {
            reference: submission.reference,
            originalName,
            path: filePath,
            note: risk ? noteOf(risk, originalName) : null,
          };
        }
      }
    }
  }

  /**
   * Each batch is read whole before it is yielded, so no statement stays open while the
   * consumer waits for the client; a submission erased in the meantime is left out.
   */
  private *matchingBatches(filter: SubmissionFilter, sort: SortOrder): Generator<StoredSubmission[]> {
    for (const ids of this.deps.queries.matchingIdBatches(filter, sort, this.deps.batchSize ?? defaultBatchSize)) {
      yield this.deps.submissions.findManyByIds(ids);
    }
  }

  private exportRow(submission: StoredSubmission, tags: readonly string[]): ExportRow {
    return {
      reference: submission.reference,
      receivedAt: londonDateTime(submission.receivedAt),
      sentAfterClose: submission.sentAfterClose,
      channel: submission.channel,
      language: submission.language,
      respondentType: submission.respondentType,
      name: submission.name,
      email: submission.email,
      bodyName: submission.bodyName,
      roleInBody: submission.roleInBody,
      constituency: submission.constituency,
      answers: this.answerCells(submission.answers),
      anythingElse: submission.anythingElse,
      meetingDate: submission.meetingDate,
      meetingAttendance: submission.meetingAttendance,
      consentToQuote: submission.consentToQuote,
      status: submission.status,
      tags,
      attachmentNames: submission.attachments.map((attachment) => attachment.originalName),
    };
  }

  /** Each answer in its own column; one the consultation no longer has a column for is left out. */
  private answerCells(answers: readonly Answer[]): (string | undefined)[] {
    const cells = new Array<string | undefined>(this.answerColumns.length);
    for (const answer of answers) {
      const position = this.answerColumnIndex.get(answer.paper)?.get(answer.section ?? '');
      if (position !== undefined) cells[position] = answer.body;
    }
    return cells;
  }
}
