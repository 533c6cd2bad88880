import type { Translate } from '../../platform/i18n/catalogue';
import type { Channel, RespondentType, ReviewStatus } from '../../submissions/vocabulary';

/** One submission, flattened for a spreadsheet: one row per submission. */
export interface ExportRow {
  reference: string;
  receivedAt: string; // London time, YYYY-MM-DD HH:MM:SS
  sentAfterClose: boolean; // from the web form after the close, in the grace period
  channel: Channel;
  language: string; // a code from platform/vocabulary's languages
  respondentType: RespondentType;
  name: string;
  email: string | null;
  bodyName: string | null;
  roleInBody: string | null;
  constituency: string; // slug
  /** The answers, one for each of the export's answer columns; undefined where there is none. */
  answers: readonly (string | undefined)[];
  anythingElse: string | null;
  meetingDate: string | null; // YYYY-MM-DD
  meetingAttendance: number | null;
  consentToQuote: boolean;
  status: ReviewStatus;
  tags: readonly string[];
  attachmentNames: readonly string[];
}

/** What an answer column holds: the answer to a whole paper (section null), or to one of its sections. */
export interface AnswerColumn {
  paper: string;
  section: string | null;
}

interface Titled {
  readonly slug: string;
  readonly title: string;
}

/** The papers' and sections' titles: a consultation in one language. */
interface PaperTitles {
  readonly papers: readonly (Titled & { readonly sections: readonly Titled[] })[];
}

/** The officer's language, so that the spreadsheet reads as the workspace does. */
export interface ExportLanguage {
  readonly t: Translate;
  /** The consultation in that language, for the papers' and sections' titles. */
  readonly consultation: PaperTitles;
  readonly constituencyName: (slug: string) => string;
}

export type ExportCell = string | number;

/** A column whose text cells are London dates ('date', YYYY-MM-DD) or times ('dateTime', YYYY-MM-DD HH:MM:SS). */
export type DateKind = 'date' | 'dateTime';

export interface ExportColumn {
  header: string;
  cell: (row: ExportRow) => ExportCell;
  dates?: DateKind;
}

const listSeparator = '; ';

/** A label looked up once per value, not once per row: a million rows share a handful of statuses. */
function remembered<Key>(label: (key: Key) => string): (key: Key) => string {
  const labels = new Map<Key, string>();
  return (key) => {
    let text = labels.get(key);
    if (text === undefined) {
      text = label(key);
      labels.set(key, text);
    }
    return text;
  };
}

function answerHeading({ paper, section }: AnswerColumn, consultation: PaperTitles): string {
  const topicPaper = consultation.papers.find((candidate) => candidate.slug === paper);
  const paperTitle = topicPaper?.title ?? paper;
  if (section === null) return paperTitle;
  return `${paperTitle}: ${topicPaper?.sections.find((candidate) => candidate.slug === section)?.title ?? section}`;
}

/**
 * The columns of an export, in the officer's language: who responded and how, one column for
 * each answer column (the whole paper's, then each section's, headed "Paper: Section"), then the
 * rest, with status, channel and language as the workspace words them.
 */
export function exportColumns(
  answerColumns: readonly AnswerColumn[],
  { t, consultation, constituencyName }: ExportLanguage,
): ExportColumn[] {
  const heading = (key: string) => t('admin.export.columns.' + key);
  const channel = remembered((value: Channel) => t('admin.channels.' + value));
  const language = remembered((value: string) => t('admin.languages.' + value));
  const respondentType = remembered((value: RespondentType) => t('admin.respondentTypes.' + value));
  const constituency = remembered(constituencyName);
  const status = remembered((value: ReviewStatus) => t('admin.statuses.' + value));
  // Welsh answers "may we quote?" and "was it sent after the close?" with different words.
  const [mayQuote, mayNotQuote] = [t('admin.export.mayQuoteYes'), t('admin.export.mayQuoteNo')];
  const [sentLate, sentInTime] = [t('admin.export.sentAfterCloseYes'), t('admin.export.sentAfterCloseNo')];
  return [
    { header: heading('reference'), cell: (row) => row.reference },
    { header: heading('received'), cell: (row) => row.receivedAt, dates: 'dateTime' },
    { header: heading('sentAfterClose'), cell: (row) => (row.sentAfterClose ? sentLate : sentInTime) },
    { header: heading('channel'), cell: (row) => channel(row.channel) },
    { header: heading('language'), cell: (row) => language(row.language) },
    { header: heading('respondentType'), cell: (row) => respondentType(row.respondentType) },
    { header: heading('name'), cell: (row) => row.name },
    { header: heading('email'), cell: (row) => row.email ?? '' },
    { header: heading('body'), cell: (row) => row.bodyName ?? '' },
    { header: heading('role'), cell: (row) => row.roleInBody ?? '' },
    { header: heading('constituency'), cell: (row) => constituency(row.constituency) },
    ...answerColumns.map((column, index): ExportColumn => ({
      header: answerHeading(column, consultation),
      cell: (row) => row.answers[index] ?? '',
    })),
    { header: heading('anythingElse'), cell: (row) => row.anythingElse ?? '' },
    { header: heading('meetingDate'), cell: (row) => row.meetingDate ?? '', dates: 'date' },
    { header: heading('attendance'), cell: (row) => row.meetingAttendance ?? '' },
    { header: heading('mayQuote'), cell: (row) => (row.consentToQuote ? mayQuote : mayNotQuote) },
    { header: heading('status'), cell: (row) => status(row.status) },
    { header: heading('tags'), cell: (row) => row.tags.join(listSeparator) },
    { header: heading('attachments'), cell: (row) => row.attachmentNames.join(listSeparator) },
  ];
}

/**
 * Reads a submission's cells, in column order, each through `format`; missing values are ''.
 * The columns are worked out once, not again for each of a million rows.
 */
export function exportCellReader<Cell>(
  columns: readonly ExportColumn[],
  format: (cell: ExportCell, column: ExportColumn) => Cell,
): (row: ExportRow) => Cell[] {
  return (row) => columns.map((column) => format(column.cell(row), column));
}

/** The columns and rows of one export. */
export interface ExportSheet {
  readonly columns: readonly ExportColumn[];
  readonly rows: Iterable<ExportRow>;
}
