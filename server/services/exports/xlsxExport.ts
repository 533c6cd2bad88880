import { EventEmitter, once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { exportCellReader, exportHeaders, type ExportCell, type ExportPaper, type ExportRow } from './exportRow';

const rowsBetweenPauses = 500;

function xlsxCell(cell: ExportCell): ExportCell | null {
  if (typeof cell === 'number') return cell;
  // Excel counts an empty string as a value (COUNTA); a missing answer should be a blank cell.
  // Text goes in as a string cell, which Excel never evaluates, so it needs no apostrophe.
  return cell === '' ? null : cell;
}

interface PilingStream extends EventEmitter {
  _writableState?: { needDrain?: unknown };
}

/**
 * exceljs 4 pushes each committed row into the zip without heeding backpressure, so rows added
 * faster than they are compressed, or than `out` takes them, pile up in memory (about 1.7 kB a
 * row: gigabytes for a million). This finds the stream they pile up in, which is internal to
 * exceljs and archiver. If it is not where expected, the export still works, only unpaced.
 */
function sheetBacklogOf(sheet: ExcelJS.Worksheet): PilingStream | undefined {
  const sheetStream = (sheet as unknown as { stream?: { pipes?: unknown } }).stream;
  const entryInput: unknown = Array.isArray(sheetStream?.pipes) ? sheetStream.pipes[0] : undefined;
  return entryInput instanceof EventEmitter ? entryInput : undefined;
}

/** Lets compression and `out` catch up, and other requests be served, between batches of rows. */
async function pauseForOutput(sheet: ExcelJS.Worksheet, delivery: Promise<void>): Promise<void> {
  await nextTurn();
  const backlog = sheetBacklogOf(sheet);
  if (backlog?._writableState?.needDrain === true) await Promise.race([once(backlog, 'drain'), delivery]);
}

async function writeWorkbook(
  rows: Iterable<ExportRow>,
  papers: readonly ExportPaper[],
  workbookBytes: PassThrough,
  delivery: Promise<void>,
): Promise<void> {
  // Loaded when first needed: it is the largest library the portal uses, and most runs never make a spreadsheet.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: workbookBytes, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Responses');
  sheet.addRow(exportHeaders(papers)).commit();
  const cellsOf = exportCellReader(papers, xlsxCell);
  let rowsSincePause = 0;
  for (const row of rows) {
    sheet.addRow(cellsOf(row)).commit();
    rowsSincePause += 1;
    if (rowsSincePause === rowsBetweenPauses) {
      rowsSincePause = 0;
      await pauseForOutput(sheet, delivery);
    }
  }
  await Promise.race([workbook.commit(), delivery]);
}

/**
 * Writes the rows as a one-sheet workbook ("Responses") and ends `out`. Rows are pulled from
 * the iterator as the workbook is written, never all at once; if anything fails, or `out`
 * closes early, the iterator is closed (freeing a better-sqlite3 connection) and `out` destroyed.
 */
export async function writeXlsx(rows: Iterable<ExportRow>, papers: readonly ExportPaper[], out: NodeJS.WritableStream): Promise<void> {
  const workbookBytes = new PassThrough();
  const delivery = pipeline(workbookBytes, out);
  const writing = writeWorkbook(rows, papers, workbookBytes, delivery).catch((error: unknown) => {
    workbookBytes.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  });
  // Waits for both, so that when this rejects the row iterator has already been closed.
  const [written, delivered] = await Promise.allSettled([writing, delivery]);
  if (written.status === 'rejected') throw written.reason;
  if (delivered.status === 'rejected') throw delivered.reason;
}
