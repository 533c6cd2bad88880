/** One submission, flattened for a spreadsheet: one row per submission, one column per topic paper. */
export interface ExportRow {
  reference: string;
  receivedAt: string; // ISO 8601 UTC, e.g. 2020-05-12T09:00:00.000Z
  sentAfterClose: boolean; // from the web form after the close, in the grace period
  channel: string; // 'web' | 'email' | 'post'
  language: string; // 'en' | 'cy'
  respondentType: string; // already human-readable, e.g. 'CLP'
  name: string;
  email: string | null;
  bodyName: string | null;
  roleInBody: string | null;
  constituency: string; // human-readable name
  answersByPaper: Readonly<Record<string, string>>; // paper slug -> all that submission's text for that paper (already joined)
  anythingElse: string | null;
  meetingDate: string | null; // YYYY-MM-DD
  meetingAttendance: number | null;
  consentToQuote: boolean;
  status: string;
  tags: readonly string[];
  attachmentNames: readonly string[];
}

export interface ExportPaper {
  slug: string;
  title: string;
}

export type ExportCell = string | number;

interface ExportColumn {
  header: string;
  cell: (row: ExportRow) => ExportCell;
}

const listSeparator = '; ';

const columnsBeforePapers: readonly ExportColumn[] = [
  { header: 'Reference', cell: (row) => row.reference },
  { header: 'Received (UTC)', cell: (row) => row.receivedAt },
  { header: 'Sent after the close', cell: (row) => (row.sentAfterClose ? 'yes' : 'no') },
  { header: 'Channel', cell: (row) => row.channel },
  { header: 'Language', cell: (row) => row.language },
  { header: 'Responding as', cell: (row) => row.respondentType },
  { header: 'Name', cell: (row) => row.name },
  { header: 'Email', cell: (row) => row.email ?? '' },
  { header: 'Body', cell: (row) => row.bodyName ?? '' },
  { header: 'Role', cell: (row) => row.roleInBody ?? '' },
  { header: 'Constituency', cell: (row) => row.constituency },
];

const columnsAfterPapers: readonly ExportColumn[] = [
  { header: 'Anything else', cell: (row) => row.anythingElse ?? '' },
  { header: 'Meeting date', cell: (row) => row.meetingDate ?? '' },
  { header: 'Attendance', cell: (row) => row.meetingAttendance ?? '' },
  { header: 'May quote', cell: (row) => (row.consentToQuote ? 'yes' : 'no') },
  { header: 'Status', cell: (row) => row.status },
  { header: 'Tags', cell: (row) => row.tags.join(listSeparator) },
  { header: 'Attachments', cell: (row) => row.attachmentNames.join(listSeparator) },
];

function paperColumn(paper: ExportPaper): ExportColumn {
  return { header: paper.title, cell: (row) => row.answersByPaper[paper.slug] ?? '' };
}

function exportColumns(papers: readonly ExportPaper[]): ExportColumn[] {
  return [...columnsBeforePapers, ...papers.map(paperColumn), ...columnsAfterPapers];
}

/** The header labels of an export, in column order. */
export function exportHeaders(papers: readonly ExportPaper[]): string[] {
  return exportColumns(papers).map((column) => column.header);
}

/**
 * Reads a submission's cells, in the same order as `exportHeaders`, each through `format`;
 * missing values are ''. The columns are worked out once, not again for each of a million rows.
 */
export function exportCellReader<Cell>(papers: readonly ExportPaper[], format: (cell: ExportCell) => Cell): (row: ExportRow) => Cell[] {
  const columns = exportColumns(papers);
  return (row) => columns.map((column) => format(column.cell(row)));
}
