import { parse, CsvError } from 'csv-parse/sync';
import { unitCsvColumns, unitLimits, type UnitCsvColumn } from './unitVocabulary';
import type { WrittenUnit } from './unitFields';

/** A problem with an import: on a line and in a column where it has them, told by its catalogue key. */
export interface ImportProblem {
  readonly line: number | null;
  readonly column: string | null;
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** One row of the file, with the line of the file it starts on (the header is line 1). */
export interface WrittenRow {
  readonly line: number;
  readonly written: WrittenUnit;
}

export type CsvReading =
  | { readonly ok: true; readonly rows: readonly WrittenRow[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

const problemKey = (name: string) => `admin.units.import.problems.${name}`;
const refused = (key: string, values?: ImportProblem['values'], line: number | null = null): CsvReading => ({
  ok: false,
  problems: [{ line, column: null, key: problemKey(key), ...(values ? { values } : {}) }],
});

// Anything but tab, line feed and carriage return below a space, and DEL: no text file has them.
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The file as text, if it is text: UTF-8 (as spreadsheets save "CSV UTF-8"), with no control
 * characters. A spreadsheet's own file, a PDF or an image is none of these, whatever its name.
 */
export function textOf(file: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return null;
  }
  return controlCharacter.test(text) ? null : text;
}

/** "Name EN", "name_en" and " NAME-EN " are all the column name_en. */
const columnName = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function checkHeader(header: readonly string[]): ImportProblem[] {
  const named = header.map(columnName);
  const problems: ImportProblem[] = [];
  const expected = unitCsvColumns.join(', ');
  for (const column of named) {
    if (!(unitCsvColumns as readonly string[]).includes(column)) {
      problems.push({ line: 1, column, key: problemKey('unknownColumn'), values: { column, expected } });
    }
  }
  for (const column of unitCsvColumns) {
    if (!named.includes(column))
      problems.push({ line: 1, column, key: problemKey('missingColumn'), values: { column } });
  }
  const repeated = named.filter((column, index) => named.indexOf(column) !== index);
  for (const column of new Set(repeated)) {
    problems.push({ line: 1, column, key: problemKey('repeatedColumn'), values: { column } });
  }
  return problems;
}

const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

/** Reads the register's CSV file into its rows, or says why it cannot be read; nothing about a row's values is checked here. */
export function readUnitCsv(file: Buffer): CsvReading {
  if (file.length === 0) return refused('empty');
  if (file.length > unitLimits.maxImportBytes) return refused('tooLarge');
  const text = textOf(file);
  if (text === null) return refused('notText');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      to: unitLimits.maxImportRows + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // An unclosed quotation mark is found only at the end of the file, so it has no line of its own.
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') return refused('quoteNotClosed');
    return refused('notCsv', undefined, (error as CsvError & { lines?: number }).lines ?? null);
  }
  const [header, ...body] = records;
  if (!header) return refused('empty');
  const headerProblems = checkHeader(header.record);
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };
  if (body.length === 0) return refused('noRows');
  if (body.length > unitLimits.maxImportRows) return refused('tooManyRows', { most: unitLimits.maxImportRows });
  const columns = header.record.map(columnName) as UnitCsvColumn[];
  const problems: ImportProblem[] = [];
  const rows: WrittenRow[] = [];
  for (const { record, info } of body) {
    const line = info.lines - record.reduce((breaks, value) => breaks + lineBreaks(value), 0);
    if (record.length !== columns.length) {
      problems.push({
        line,
        column: null,
        key: problemKey('fieldCount'),
        values: { found: record.length, expected: columns.length },
      });
      continue;
    }
    const written = Object.fromEntries(columns.map((column, index) => [column, record[index] ?? ''])) as WrittenUnit;
    rows.push({ line, written });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
