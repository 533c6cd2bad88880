import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify, type Options } from 'csv-stringify/sync';
import { exportCellReader, type ExportCell, type ExportSheet } from './exportRow';
import { neutraliseFormula } from './neutraliseFormula';

/**
 * Records made into one piece of text, tens of kilobytes: passing a million records one at a time
 * through stream machinery cost more than making them, and text over 128 kB goes to V8's
 * large-object space, where each piece costs more again (measured: 100 records a chunk took
 * three times as long as 50).
 */
const recordsPerChunk = 50;

// A cell with a bare line break is quoted too: with CRLF records csv-stringify would otherwise leave it
// bare, and a spreadsheet would split the answer across rows.
const csvOptions: Options = { record_delimiter: 'windows', quoted_match: /[\r\n]/ };

function neutraliseCell(cell: ExportCell): ExportCell {
  return typeof cell === 'string' ? neutraliseFormula(cell) : cell;
}

/** The CSV text for Excel (UTF-8 with a BOM, CRLF), a chunk of records at a time. */
function* csvChunks({ columns, rows }: ExportSheet): Generator<string> {
  const cellsOf = exportCellReader(columns, neutraliseCell);
  let records: ExportCell[][] = [columns.map((column) => neutraliseFormula(column.header))];
  let first = true;
  const chunkOf = (): string => {
    const chunk = stringify(records, { ...csvOptions, bom: first });
    first = false;
    records = [];
    return chunk;
  };
  for (const row of rows) {
    records.push(cellsOf(row));
    if (records.length === recordsPerChunk) yield chunkOf();
  }
  if (records.length > 0) yield chunkOf();
}

/**
 * Writes the sheet as CSV and ends `out`.
 *
 * The rows are pulled a chunk at a time, only when `out` has room, so a million-row query is
 * never held in memory. If anything fails, or `out` closes early, the row iterator is closed,
 * which for better-sqlite3 frees the connection it holds busy.
 */
export async function writeCsv(sheet: ExportSheet, out: NodeJS.WritableStream): Promise<void> {
  await pipeline(Readable.from(csvChunks(sheet), { highWaterMark: 1 }), out);
}
