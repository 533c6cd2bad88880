import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportCellReader, type ExportCell, type ExportSheet } from './exportRow';
import { neutraliseFormula } from './neutraliseFormula';

/**
 * Records made into one piece of text, tens of kilobytes: passing a million records one at a time
 * through stream machinery cost more than making them, and text over 128 kB goes to V8's
 * large-object space, where each piece costs more again (measured: 100 records a chunk took
 * three times as long as 50).
 */
const recordsPerChunk = 50;

// A bare line break is quoted too, or a spreadsheet would split the answer across rows.
const needsQuotes = /[",\r\n]/;

/**
 * One field as RFC 4180 writes it, a formula neutralised first. Written here rather than with
 * csv-stringify, which took three times as long for each record: a column for every section's
 * answer made that the largest part of an export.
 */
function csvField(cell: ExportCell): string {
  if (typeof cell === 'number') return String(cell);
  const text = neutraliseFormula(cell);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text for Excel (UTF-8 with a BOM, CRLF), a chunk of records at a time. */
function* csvChunks({ columns, rows }: ExportSheet): Generator<string> {
  const cellsOf = exportCellReader(columns, csvField);
  let chunk = `\uFEFF${columns.map((column) => csvField(column.header)).join(',')}\r\n`;
  let records = 1;
  for (const row of rows) {
    chunk += `${cellsOf(row).join(',')}\r\n`;
    records += 1;
    if (records === recordsPerChunk) {
      yield chunk;
      chunk = '';
      records = 0;
    }
  }
  if (chunk !== '') yield chunk;
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
