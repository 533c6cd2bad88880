import { EventEmitter, once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { exportCellReader, type DateKind, type ExportCell, type ExportColumn, type ExportSheet } from './exportRow';

const rowsBetweenPauses = 500;

/** How Excel shows the London times and days, held as date cells so that they sort and filter as dates. */
const dateFormats: Record<DateKind, { numFmt: string; width: number }> = {
  dateTime: { numFmt: 'yyyy-mm-dd hh:mm', width: 17 },
  date: { numFmt: 'yyyy-mm-dd', width: 11 },
};

function xlsxCell(cell: ExportCell, column: ExportColumn): ExportCell | Date | undefined {
  if (typeof cell === 'number') return cell;
  // Excel counts an empty string as a value (COUNTA); a missing answer should be a blank cell, and
  // exceljs writes no cell at all for undefined, where a null is still a cell to style and write.
  if (cell === '') return undefined;
  // Excel has no time zones: a date cell holds the London wall-clock time, which exceljs reads from a Date's UTC fields.
  if (column.dates === 'dateTime') return new Date(`${cell.replace(' ', 'T')}Z`);
  if (column.dates === 'date') return new Date(`${cell}T00:00:00Z`);
  // Text goes in as a string cell, which Excel never evaluates, so it needs no apostrophe.
  return cell;
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
  { columns, rows }: ExportSheet,
  workbookBytes: PassThrough,
  delivery: Promise<void>,
): Promise<void> {
  // Loaded when first needed: it is the largest library the portal uses, and most runs never make a spreadsheet.
  const { default: excel } = await import('exceljs');
  // Styles for the date columns' formats; every other cell keeps the default.
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream: workbookBytes,
    useStyles: true,
    useSharedStrings: false,
  });
  // The header row stays in view as the officer scrolls.
  const sheet = workbook.addWorksheet('Responses', { views: [{ state: 'frozen', ySplit: 1 }] });
  const styles = columns.map((column): Partial<ExcelJS.Style> =>
    column.dates ? { numFmt: dateFormats[column.dates].numFmt } : {},
  );
  sheet.columns = columns.map((column, index) =>
    column.dates ? { style: styles[index], width: dateFormats[column.dates].width } : {},
  );
  sheet.addRow(columns.map((column) => column.header)).commit();
  const cellsOf = exportCellReader(columns, xlsxCell);
  let rowCount = 0;
  for (const row of rows) {
    const written = sheet.addRow(cellsOf(row));
    // exceljs gives each cell a style object of its own and works out its style from it again; it
    // remembers the answer for an object it has seen, so one shared object a column is worked out once.
    written.eachCell((cell, columnNumber) => (cell.style = styles[columnNumber - 1]!));
    written.commit();
    rowCount += 1;
    if (rowCount % rowsBetweenPauses === 0) await pauseForOutput(sheet, delivery);
  }
  // A filter button on every heading, over every row written.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowCount + 1, column: columns.length } };
  await Promise.race([workbook.commit(), delivery]);
}

/**
 * Writes the sheet as a one-sheet workbook ("Responses") and ends `out`. Rows are pulled from
 * the iterator as the workbook is written, never all at once; if anything fails, or `out`
 * closes early, the iterator is closed (freeing a better-sqlite3 connection) and `out` destroyed.
 */
export async function writeXlsx(sheet: ExportSheet, out: NodeJS.WritableStream): Promise<void> {
  const workbookBytes = new PassThrough();
  const delivery = pipeline(workbookBytes, out);
  const writing = writeWorkbook(sheet, workbookBytes, delivery).catch((error: unknown) => {
    workbookBytes.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  });
  // Waits for both, so that when this rejects the row iterator has already been closed.
  const [written, delivered] = await Promise.allSettled([writing, delivery]);
  if (written.status === 'rejected') throw written.reason;
  if (delivered.status === 'rejected') throw delivered.reason;
}
