import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { exportCellReader, exportHeaders, type ExportCell, type ExportPaper, type ExportRow } from './exportRow';
import { neutraliseFormula } from './neutraliseFormula';

const chunkBytes = 64 * 1024;

function neutraliseCell(cell: ExportCell): ExportCell {
  return typeof cell === 'string' ? neutraliseFormula(cell) : cell;
}

function* csvRecords(rows: Iterable<ExportRow>, papers: readonly ExportPaper[]): Generator<ExportCell[]> {
  yield exportHeaders(papers).map(neutraliseFormula);
  const cellsOf = exportCellReader(papers, neutraliseCell);
  for (const row of rows) yield cellsOf(row);
}

/**
 * Joins the stringifier's records, which come one to a chunk, into chunks of about 64 kB: a
 * write to the socket for each record would cost more than making the record.
 */
class Rechunker extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= chunkBytes) this.pushPending();
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.pendingBytes > 0) this.pushPending();
    done();
  }

  private pushPending(): void {
    this.push(Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
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
  // A cell with a bare line break is quoted too: with CRLF records csv-stringify would otherwise leave it
  // bare, and a spreadsheet would split the answer across rows.
  const stringifier = stringify({ bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  await pipeline(Readable.from(csvRecords(rows, papers)), stringifier, new Rechunker(), out);
}
