import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { exportCells, exportHeaders, type ExportCell, type ExportPaper, type ExportRow } from './exportRow';
import { neutraliseFormula } from './neutraliseFormula';

function* csvRecords(rows: Iterable<ExportRow>, papers: readonly ExportPaper[]): Generator<ExportCell[]> {
  yield exportHeaders(papers).map(neutraliseFormula);
  for (const row of rows) {
    yield exportCells(row, papers).map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell));
  }
}

/**
 * Writes the rows as CSV for Excel (UTF-8 with a BOM, CRLF) and ends `out`.
 *
 * The rows are pulled one at a time, only when the stringifier and `out` have room, so a
 * million-row query is never held in memory. If anything fails, or `out` closes early, the
 * row iterator is closed, which for better-sqlite3 frees the connection it holds busy.
 */
export async function writeCsv(rows: Iterable<ExportRow>, papers: readonly ExportPaper[], out: NodeJS.WritableStream): Promise<void> {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows' });
  await pipeline(Readable.from(csvRecords(rows, papers)), stringifier, out);
}
