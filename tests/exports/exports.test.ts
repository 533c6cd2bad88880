import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { createCatalogue } from '../../server/platform/i18n/catalogue';
import type { SubmissionFilter } from '../../server/submissions/submissionList';
import { writeCsv } from '../../server/features/exports/csvExport';
import { exportFileName } from '../../server/features/exports/exportFileName';
import {
  exportColumns,
  type AnswerColumn,
  type ExportLanguage,
  type ExportRow,
  type ExportSheet,
} from '../../server/features/exports/exportRow';
import { writeXlsx } from '../../server/features/exports/xlsxExport';
import { writeZip } from '../../server/features/exports/zipExport';
import { noFilter } from '../support/filters';

let tempDir: string;
beforeEach(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-'));
});
afterEach(() => fs.rmSync(tempDir, { recursive: true, force: true }));

const catalogue = createCatalogue();
const consultation = {
  papers: [
    {
      slug: 'housing',
      title: 'Housing',
      sections: [
        { slug: 'supply', title: 'Supply' },
        { slug: 'renting', title: 'Renting' },
      ],
    },
    { slug: 'transport', title: 'Transport', sections: [] },
  ],
};
const answerColumns: readonly AnswerColumn[] = [
  { paper: 'housing', section: null },
  { paper: 'housing', section: 'supply' },
  { paper: 'housing', section: 'renting' },
  { paper: 'transport', section: null },
];
const inEnglish: ExportLanguage = {
  t: catalogue.translatorFor('en'),
  consultation,
  constituencyName: (slug) => (slug === 'arfon' ? 'Arfon' : slug),
};
const columns = exportColumns(answerColumns, inEnglish);
const sheetOf = (rows: Iterable<ExportRow>): ExportSheet => ({ columns, rows });

const expectedHeaders = [
  'Reference',
  'Received (UK time)',
  'Sent after the close',
  'How it came',
  'Language',
  'Responding as',
  'Name',
  'Email',
  'On behalf of',
  'Role',
  'Constituency',
  'Housing',
  'Housing: Supply',
  'Housing: Renting',
  'Transport',
  'Anything else',
  'Meeting date',
  'Attendance',
  'May quote',
  'Status',
  'Tags',
  'Reports',
];

function exportRow(changes: Partial<ExportRow> = {}): ExportRow {
  return {
    reference: 'S2-AAAA-BBBB',
    receivedAt: '2020-05-12 10:00:00',
    sentAfterClose: false,
    channel: 'web',
    language: 'en',
    respondentType: 'clp',
    name: 'Aled Jones',
    email: 'aled@example.org',
    bodyName: 'Arfon CLP',
    roleInBody: 'Secretary',
    constituency: 'arfon',
    answers: ['Build more homes', undefined, 'Rents are too high', 'More buses'],
    anythingElse: null,
    meetingDate: '2020-05-01',
    meetingAttendance: 12,
    consentToQuote: true,
    status: 'read',
    tags: ['housing', 'rural'],
    attachmentNames: ['minutes.pdf', 'report.docx'],
    ...changes,
  };
}

const awkwardAnswer = 'Dŵr, "tŷ" a gwâl\r\nSecond line, with a comma\nThird line';

const formulaRow = exportRow({
  reference: 'S2-EEEE-FFFF',
  name: '=HYPERLINK("http://x")',
  email: '+1',
  bodyName: '-1+1',
  roleInBody: '@SUM(A1)',
  constituency: 'a=b',
  answers: ['\tx', undefined, undefined, '\rx'],
  anythingElse: '1-2',
  tags: [],
  attachmentNames: [],
});

function tempPath(name: string): string {
  return path.join(tempDir, name);
}

/** Rows from a generator, counting how many have been taken and whether the generator was closed. */
function countedRows(
  total: number,
  answerFor: (index: number) => string,
): { rows: Generator<ExportRow>; taken: () => number; closed: () => boolean } {
  let taken = 0;
  let closed = false;
  function* generate(): Generator<ExportRow> {
    try {
      for (let index = 0; index < total; index += 1) {
        taken += 1;
        yield exportRow({ reference: `S2-${String(index).padStart(8, '0')}`, answers: [answerFor(index)] });
      }
    } finally {
      closed = true;
    }
  }
  return { rows: generate(), taken: () => taken, closed: () => closed };
}

/** A file-backed stream that, like a client that stopped reading, takes nothing until released. */
class StalledFile extends Writable {
  private readonly fd: number;
  private released = false;
  private waiting: (() => void) | null = null;

  constructor(filePath: string) {
    super();
    this.fd = fs.openSync(filePath, 'w');
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    fs.writeSync(this.fd, chunk);
    if (this.released) done();
    else this.waiting = () => done();
  }

  override _final(done: (error?: Error | null) => void): void {
    fs.closeSync(this.fd);
    done();
  }

  release(): void {
    this.released = true;
    this.waiting?.();
    this.waiting = null;
  }
}

class FailingStream extends Writable {
  override _write(_chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    done(new Error('connection reset'));
  }
}

/** Waits until `count` has stopped changing for a while. */
async function settled(count: () => number): Promise<number> {
  let last = -1;
  let unchangedPolls = 0;
  for (let poll = 0; poll < 200 && unchangedPolls < 5; poll += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    unchangedPolls = count() === last ? unchangedPolls + 1 : 0;
    last = count();
  }
  return last;
}

describe('exportColumns', () => {
  it('lists the fixed columns around one column for each paper and each of its sections, headed "Paper: Section"', () => {
    expect(columns.map((column) => column.header)).toEqual(expectedHeaders);
  });

  it("heads the columns and words the values in the officer's language", () => {
    const inWelsh = exportColumns(answerColumns, {
      ...inEnglish,
      t: catalogue.translatorFor('cy'),
      consultation: { papers: [{ ...consultation.papers[0]!, title: 'Tai' }] },
    });
    const cellUnder = (header: string) =>
      inWelsh
        .find((column) => column.header === header)!
        .cell(exportRow({ channel: 'post', language: 'cy', consentToQuote: false }));
    expect(inWelsh.map((column) => column.header)).toEqual(
      expect.arrayContaining(['Cyfeirnod', 'Wedi dod i law (amser y DU)', 'Tai', 'Tai: Supply', 'Statws']),
    );
    expect(cellUnder('Statws')).toBe("Wedi'i ddarllen");
    expect(cellUnder('Sut y daeth')).toBe('Post');
    expect(cellUnder('Iaith')).toBe('Cymraeg');
    expect(cellUnder('Yn ymateb fel')).toBe('CLP');
    expect(cellUnder('Caniatâd i ddyfynnu')).toBe('Nac oes');
  });
});

describe('exportFileName', () => {
  const anything = noFilter;
  const nameFor = (filter: Partial<SubmissionFilter>, extension = 'csv') =>
    exportFileName('stage-2', 'responses', { ...anything, ...filter }, '2026-12-06', extension);

  it('says which filters made the export, and when', () => {
    expect(nameFor({})).toBe('stage-2-responses-2026-12-06.csv');
    expect(nameFor({ respondentType: 'clp', constituency: 'gower' })).toBe(
      'stage-2-responses-clp-gower-2026-12-06.csv',
    );
    expect(nameFor({ status: 'flagged', hasReport: true, language: 'cy' }, 'xlsx')).toBe(
      'stage-2-responses-with-reports-status-flagged-welsh-2026-12-06.xlsx',
    );
    expect(nameFor({ receivedFrom: '2026-11-01', receivedTo: '2026-11-30', channel: 'post' })).toBe(
      'stage-2-responses-post-from-2026-11-01-to-2026-11-30-2026-12-06.csv',
    );
    expect(exportFileName('stage-2', 'reports', { ...anything, hasReport: false }, '2026-12-06', 'zip')).toBe(
      'stage-2-reports-without-reports-2026-12-06.zip',
    );
  });

  it('keeps to safe characters, and stays short however many filters there are', () => {
    expect(nameFor({ tag: 'Gofal Cymdeithasol', text: 'Ynys Môn "../../etc/passwd"\r\n' })).toBe(
      'stage-2-responses-tag-gofal-cymdeithasol-search-ynys-mon-etc-passwd-2026-12-06.csv',
    );
    const everything = nameFor({
      text: 'x'.repeat(300),
      paper: 'health-and-social-care',
      respondentType: 'labour_group',
      constituency: 'brecon-and-radnorshire',
      channel: 'email',
      hasReport: true,
      status: 'used',
      tag: 'y'.repeat(300),
      language: 'en',
      receivedFrom: '2026-10-01',
      receivedTo: '2026-11-01',
    });
    expect(everything).toMatch(/^[a-z0-9-]+\.csv$/);
    expect(everything.length).toBeLessThanOrEqual(120);
    // The filters that would not fit are left off the end.
    expect(everything).toBe(
      'stage-2-responses-labour-group-brecon-and-radnorshire-health-and-social-care-email-with-reports-2026-12-06.csv',
    );
  });
});

describe('writeCsv', () => {
  async function csvOf(rows: Iterable<ExportRow>): Promise<{ bytes: Buffer; records: string[][] }> {
    const csvPath = tempPath('responses.csv');
    await writeCsv(sheetOf(rows), fs.createWriteStream(csvPath));
    const bytes = fs.readFileSync(csvPath);
    return { bytes, records: parse(bytes, { bom: true, columns: false }) };
  }

  it('writes a BOM, a header and one CRLF-terminated record per row', async () => {
    const rows = [exportRow(), exportRow({ reference: 'S2-CCCC-DDDD', answers: [awkwardAnswer] }), formulaRow];
    const { bytes, records } = await csvOf(rows);

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').startsWith('\uFEFFReference,Received (UK time),')).toBe(true);
    expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true);
    expect(records).toHaveLength(4);
    expect(records[0]).toEqual(expectedHeaders);
    expect(records[1]).toEqual([
      'S2-AAAA-BBBB',
      '2020-05-12 10:00:00',
      'No',
      'Web',
      'English',
      'CLP',
      'Aled Jones',
      'aled@example.org',
      'Arfon CLP',
      'Secretary',
      'Arfon',
      'Build more homes',
      '',
      'Rents are too high',
      'More buses',
      '',
      '2020-05-01',
      '12',
      'Yes',
      'Read',
      'housing; rural',
      'minutes.pdf; report.docx',
    ]);
  });

  it('round-trips commas, quotes, line breaks and Welsh text exactly', async () => {
    const { records } = await csvOf([
      exportRow({ answers: [awkwardAnswer], consentToQuote: false, meetingAttendance: null }),
    ]);
    const cells = records[1]!;
    expect(cells[expectedHeaders.indexOf('Housing')]).toBe(awkwardAnswer);
    expect(cells[expectedHeaders.indexOf('Transport')]).toBe('');
    expect(cells[expectedHeaders.indexOf('May quote')]).toBe('No');
    expect(cells[expectedHeaders.indexOf('Attendance')]).toBe('');
  });

  it('quotes a cell with a line break in it even when it has no comma or quote, so a spreadsheet keeps it in one cell', async () => {
    const twoLines = 'First paragraph\n\nSecond paragraph';
    const { bytes } = await csvOf([exportRow({ answers: [twoLines] })]);
    expect(bytes.toString('utf8')).toContain(`"${twoLines}"`);
  });

  it('turns cells a spreadsheet would run as formulas into text', async () => {
    const { records } = await csvOf([formulaRow]);
    const cellUnder = (header: string): string => records[1]![expectedHeaders.indexOf(header)]!;
    expect(cellUnder('Name')).toBe(`'=HYPERLINK("http://x")`);
    expect(cellUnder('Email')).toBe("'+1");
    expect(cellUnder('On behalf of')).toBe("'-1+1");
    expect(cellUnder('Role')).toBe("'@SUM(A1)");
    expect(cellUnder('Housing')).toBe("'\tx");
    expect(cellUnder('Transport')).toBe("'\rx");
    expect(cellUnder('Constituency')).toBe('a=b');
    expect(cellUnder('Anything else')).toBe('1-2');
  });

  it('pulls rows only as the output takes them, and writes every one', async () => {
    const total = 20_000;
    const source = countedRows(
      total,
      (index) => `${index}: ${'An answer of moderate length, repeated to fill the row. '.repeat(10)}`,
    );
    const out = new StalledFile(tempPath('large.csv'));
    const writing = writeCsv(sheetOf(source.rows), out);

    const takenWhileStalled = await settled(source.taken);
    expect(takenWhileStalled).toBeGreaterThan(0);
    expect(takenWhileStalled).toBeLessThan(total / 10);

    out.release();
    await writing;
    const text = fs.readFileSync(tempPath('large.csv'), 'utf8');
    expect(text.split('\r\n')).toHaveLength(total + 2); // header, the rows, and '' after the last CRLF
    expect(source.taken()).toBe(total);
    expect(source.closed()).toBe(true);
  });

  it('rejects and closes the row iterator when the output fails', async () => {
    const source = countedRows(1000, () => 'answer');
    await expect(writeCsv(sheetOf(source.rows), new FailingStream())).rejects.toThrow('connection reset');
    expect(source.closed()).toBe(true);
    expect(source.taken()).toBeLessThan(1000);
  });
});

describe('writeXlsx', () => {
  it('writes one sheet of text and number cells, formulas kept as plain text', async () => {
    const xlsxPath = tempPath('responses.xlsx');
    await writeXlsx(sheetOf([exportRow({ email: null }), formulaRow]), fs.createWriteStream(xlsxPath));

    const workbook = await new ExcelJS.Workbook().xlsx.readFile(xlsxPath);
    const sheet = workbook.getWorksheet('Responses');
    if (!sheet) throw new Error('no Responses sheet');
    expect(sheet.rowCount).toBe(3);
    const headerCells = expectedHeaders.map((_header, index) => sheet.getRow(1).getCell(index + 1).value);
    expect(headerCells).toEqual(expectedHeaders);

    const cellAt = (rowNumber: number, header: string): ExcelJS.Cell =>
      sheet.getRow(rowNumber).getCell(expectedHeaders.indexOf(header) + 1);
    expect(cellAt(2, 'Reference').value).toBe('S2-AAAA-BBBB');
    expect(cellAt(2, 'Housing').value).toBe('Build more homes');
    expect(cellAt(2, 'Email').value).toBeNull();
    expect(cellAt(2, 'Attendance').value).toBe(12);
    expect(cellAt(2, 'Attendance').type).toBe(ExcelJS.ValueType.Number);
    // A string cell: Excel shows the text and never runs it.
    expect(cellAt(3, 'Name').value).toBe(`=HYPERLINK("http://x")`);
    expect(cellAt(3, 'Name').type).toBe(ExcelJS.ValueType.String);
    expect(cellAt(3, 'On behalf of').value).toBe('-1+1');
    expect(cellAt(3, 'Constituency').value).toBe('a=b');
  });

  it('stops pulling rows while the output is not taking them', async () => {
    const total = 12_000;
    // Random text, so that compression cannot shrink the backlog away.
    const source = countedRows(total, () => randomBytes(600).toString('base64'));
    const xlsxPath = tempPath('large.xlsx');
    const out = new StalledFile(xlsxPath);
    const writing = writeXlsx(sheetOf(source.rows), out);

    const takenWhileStalled = await settled(source.taken);
    // About 3,500 rows (4 MB of sheet) are buffered in the zip machinery; unpaced, it would take all.
    expect(takenWhileStalled).toBeLessThan(total / 2);

    out.release();
    await writing;
    expect(source.taken()).toBe(total);
    expect(source.closed()).toBe(true);
    const workbook = await new ExcelJS.Workbook().xlsx.readFile(xlsxPath);
    expect(workbook.getWorksheet('Responses')?.rowCount).toBe(total + 1);
  });

  it('rejects and closes the row iterator when the output fails', async () => {
    const source = countedRows(5000, () => 'answer');
    await expect(writeXlsx(sheetOf(source.rows), new FailingStream())).rejects.toThrow('connection reset');
    expect(source.closed()).toBe(true);
  });
});

describe('writeZip', () => {
  interface ZipEntryContent {
    name: string;
    content: string;
  }

  function readZip(zipPath: string): Promise<ZipEntryContent[]> {
    return new Promise((resolve, reject) => {
      yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
        if (openError) return reject(openError);
        const entries: ZipEntryContent[] = [];
        zip.on('error', reject);
        zip.on('end', () => resolve(entries));
        zip.on('entry', (entry: yauzl.Entry) => {
          zip.openReadStream(entry, (readError, stream) => {
            if (readError) return reject(readError);
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('error', reject);
            stream.on('end', () => {
              entries.push({ name: entry.fileName, content: Buffer.concat(chunks).toString('utf8') });
              zip.readEntry();
            });
          });
        });
        zip.readEntry();
      });
    });
  }

  function fileOnDisk(name: string, content: string): string {
    const filePath = tempPath(name);
    fs.writeFileSync(filePath, content);
    return filePath;
  }

  it('names entries <reference>/<name>, numbering repeats and making hostile names safe', async () => {
    const files = [
      { reference: 'S2-AAAA-BBBB', originalName: 'report.pdf', path: fileOnDisk('stored-1', 'first report') },
      { reference: 'S2-AAAA-BBBB', originalName: 'report.pdf', path: fileOnDisk('stored-2', 'second report') },
      { reference: 'S2-AAAA-BBBB', originalName: 'REPORT.pdf', path: fileOnDisk('stored-3', 'third report') },
      { reference: 'S2-CCCC-DDDD', originalName: '../../evil.txt', path: fileOnDisk('stored-4', 'evil') },
      { reference: 'S2-CCCC-DDDD', originalName: 'report.pdf', path: fileOnDisk('stored-5', 'other submission') },
      { reference: 'S2-CCCC-DDDD', originalName: '..\\..\\windows.txt', path: fileOnDisk('stored-6', 'windows') },
    ];
    const zipPath = tempPath('attachments.zip');
    await writeZip(files, fs.createWriteStream(zipPath));

    const entries = await readZip(zipPath);
    expect(entries).toEqual([
      { name: 'S2-AAAA-BBBB/report.pdf', content: 'first report' },
      { name: 'S2-AAAA-BBBB/report (2).pdf', content: 'second report' },
      { name: 'S2-AAAA-BBBB/REPORT (3).pdf', content: 'third report' },
      { name: 'S2-CCCC-DDDD/___.._evil.txt', content: 'evil' },
      { name: 'S2-CCCC-DDDD/report.pdf', content: 'other submission' },
      { name: 'S2-CCCC-DDDD/___.._windows.txt', content: 'windows' },
    ]);
    for (const { name } of entries) {
      expect(name.split('/')).toHaveLength(2);
      expect(name.split('/')).not.toContain('..');
    }
  });

  it('rejects when a file cannot be read', async () => {
    const files = [{ reference: 'S2-AAAA-BBBB', originalName: 'gone.pdf', path: tempPath('missing') }];
    await expect(writeZip(files, fs.createWriteStream(tempPath('broken.zip')))).rejects.toThrow(/ENOENT/);
  });
});
