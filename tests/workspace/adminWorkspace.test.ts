import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import type TestAgent from 'supertest/lib/agent';
import type { ResponseContent } from '../../server/submissions/submission';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { docxFile, pdfFile } from '../support/files';
import { docxWithMacro, pdfOpeningWithJavaScript, rtfWithEmbeddedObject } from '../support/riskyFiles';
import { countRows, openForm, postResponse, validFields } from '../support/respond';
import { addOfficer, portalWithOfficer, signIn } from '../support/officer';
import { referencesIn, storeResponse } from '../support/officerWorkspace';
import { formValues } from '../support/formPage';
import { asBuffer } from '../support/binary';
import { strFromU8, unzipSync } from 'fflate';

let portal: TestPortal;
let agent: TestAgent;
let csrf: string;

beforeEach(async () => {
  ({ portal, agent, csrf } = await portalWithOfficer());
});
afterEach(() => portal.close());

/** Stores a response as if sent at `time`, then puts the clock back, so the officer stays signed in. */
const submitAt = (time: string, overrides: Partial<ResponseContent> = {}): Promise<string> =>
  storeResponse(portal, time, overrides);

/** Moves the clock on; the officer's session would have expired, so they sign in again. */
async function laterOn(time: string): Promise<void> {
  portal.clock.time = new Date(time);
  ({ agent, csrf } = await signIn(portal.app));
}

async function submitWithReports(
  fields: Record<string, string>,
  files: { name: string; content: Buffer }[],
): Promise<string> {
  const form = await openForm(portal.app);
  await postResponse(form.agent, form.csrf, validFields(fields), files).expect(303);
  return portal.db.prepare('SELECT reference FROM submissions ORDER BY id DESC LIMIT 1').pluck().get() as string;
}

/** Saves a submission's review as its page's one form does: the status (kept as it was unless given), a note, tags. */
function review(reference: string, fields: { status?: string; note?: string; tags?: string; removeTag?: string }) {
  const status =
    fields.status ??
    (portal.db.prepare('SELECT status FROM submissions WHERE reference = ?').pluck().get(reference) as string);
  return agent
    .post(`/admin/submissions/${reference}/review`)
    .type('form')
    .send({ _csrf: csrf, ...fields, status });
}

describe('the dashboard', () => {
  test('shows totals, this week, coverage of the 40 constituencies, and a chart with the deadline', async () => {
    await submitAt('2020-05-01T10:00:00+01:00', {
      respondentType: 'clp',
      bodyName: 'Gower CLP',
      roleInBody: 'Secretary',
      constituency: 'gower',
    });
    await submitAt('2020-05-12T09:00:00+01:00', { constituency: 'arfon' });
    await submitAt('2020-05-12T11:00:00+01:00', {
      respondentType: 'branch',
      bodyName: 'Bangor Branch',
      roleInBody: 'Secretary',
      constituency: 'arfon',
    });
    await laterOn('2020-05-13T09:00:00+01:00');
    const page = await agent.get('/admin').expect(200);
    expect(page.text).toMatch(/<span class="stat__number">3<\/span> responses in all/);
    expect(page.text).toMatch(/<span class="stat__number">\+2<\/span> this week, since Monday 11 May 2020/);
    expect(page.text).toContain('Nothing yet (38)');
    expect(page.text).toContain('Individuals or branches only, no CLP (1)');
    expect(page.text).toContain('CLP response received (1)');
    expect(page.text).toMatch(/<svg[^>]*role="img"/);
    expect(page.text).toContain('class="chart__deadline"');
    expect(page.text).toContain('The most in one day was 2, on Tuesday 12 May 2020.');
  });

  test('over years (responses from 2020 in a preview that closes in 2027) draws a bar a week, the years on the axis, and a table by week', async () => {
    portal.close();
    portal = createTestPortal({
      now: new Date('2026-12-06T10:00:00Z'),
      env: { CONSULTATION_CLOSES_AT: '2027-01-03T23:59:59' },
    });
    await submitAt('2020-05-12T09:00:00+01:00');
    await submitAt('2020-05-13T09:00:00+01:00');
    await submitAt('2020-05-18T09:00:00+01:00');
    await addOfficer(portal);
    const bars = (html: string) => html.match(/<rect class="chart__bar"/g) ?? [];
    const axisLabels = (html: string) =>
      [...html.matchAll(/class="chart__date-label"[^>]*>([^<]*)</g)].map(([, label]) => label!);

    const english = (await (await signIn(portal.app)).agent.get('/admin').expect(200)).text;
    // Monday 11 May 2020 to Sunday 3 January 2027, a week a bar: the page was 332 KB with a bar a day.
    expect(bars(english)).toHaveLength(347);
    expect(english.length).toBeLessThan(120_000);
    const labels = axisLabels(english);
    expect(labels[0]).toBe('11 May 2020');
    expect(labels.length).toBeLessThanOrEqual(8);
    expect(new Set(labels).size).toBe(labels.length);
    expect(english).toContain('<h2 class="heading-l" id="per-day">Responses per week</h2>');
    expect(english).toContain('The most in one week was 2, in the week beginning Monday 11 May 2020.');
    expect(english).toContain('<th scope="col">Week beginning</th>');
    expect(english).toMatch(
      /<tr><td>Monday 11 May 2020<\/td><td class="numeric">2<\/td><\/tr><tr><td>Monday 18 May 2020<\/td><td class="numeric">1<\/td><\/tr><\/tbody>/,
    );

    const welsh = (await (await signIn(portal.app)).agent.get('/admin?lang=cy').expect(200)).text;
    expect(axisLabels(welsh)[0]).toBe('11 Mai 2020');
    expect(welsh).toContain('<h2 class="heading-l" id="per-day">Ymatebion fesul wythnos</h2>');
    expect(welsh).toContain('Dydd Llun 11 Mai 2020 oedd dechrau&#39;r wythnos brysuraf, gyda 2 ymateb.');
    expect(welsh).toContain('<th scope="col">Wythnos yn dechrau</th>');
  });
});

describe('finding submissions', () => {
  beforeEach(async () => {
    await submitAt('2020-04-01T10:00:00+01:00', {
      name: 'Branwen Jones',
      answers: [
        {
          paper: 'health-and-social-care',
          section: 'workforce',
          body: 'Domiciliary care workers deserve the Real Living Wage.',
        },
      ],
    });
    await submitAt('2020-04-02T10:00:00+01:00', {
      name: 'Dylan Thomas',
      constituency: 'swansea-west',
      answers: [],
      anythingElse: 'NHS dentistry in Swansea is hard to find.',
    });
    await submitAt('2020-04-03T10:00:00+01:00', {
      respondentType: 'clp',
      bodyName: 'Ynys Môn CLP',
      roleInBody: 'Chair',
      constituency: 'ynys-mon',
      answers: [
        {
          paper: 'health-and-social-care',
          section: null,
          body: 'Gwasanaethau iechyd yng nghefn gwlad: mae angen mwy o ddeintyddion.',
        },
      ],
    });
  });

  test('by filters that live in the URL', async () => {
    expect(referencesIn((await agent.get('/admin/submissions?type=clp')).text)).toHaveLength(1);
    expect(referencesIn((await agent.get('/admin/submissions?constituency=swansea-west')).text)).toHaveLength(1);
    expect(
      referencesIn((await agent.get('/admin/submissions?channel=web&paper=health-and-social-care')).text),
    ).toHaveLength(2);
    expect(referencesIn((await agent.get('/admin/submissions?from=2020-04-02&to=2020-04-02')).text)).toHaveLength(1);
    expect(referencesIn((await agent.get('/admin/submissions?report=yes')).text)).toHaveLength(0);
    expect(referencesIn((await agent.get('/admin/submissions?status=new')).text)).toHaveLength(3);
    expect(referencesIn((await agent.get('/admin/submissions?type=nonsense')).text)).toHaveLength(3);
  });

  test('by full-text search over answers, names and bodies, with the matches highlighted', async () => {
    const search = await agent.get('/admin/submissions?q=domiciliary').expect(200);
    expect(referencesIn(search.text)).toHaveLength(1);
    expect(search.text).toContain('<mark>Domiciliary</mark>');
    expect(referencesIn((await agent.get('/admin/submissions?q=dylan')).text)).toHaveLength(1);
    expect(referencesIn((await agent.get('/admin/submissions?q=dent*')).text)).toHaveLength(1);
    expect(
      referencesIn((await agent.get('/admin/submissions?q=' + encodeURIComponent('"unbalanced AND (quote'))).text),
    ).toHaveLength(0);
  });

  test('a search with no words in it finds nothing, rather than everything', async () => {
    const page = await agent.get('/admin/submissions?q=' + encodeURIComponent('" * +')).expect(200);
    expect(page.text).toContain('0 submissions match.');
  });

  test('Welsh with diacritics is found with or without them', async () => {
    expect(referencesIn((await agent.get('/admin/submissions?q=' + encodeURIComponent('Môn'))).text)).toHaveLength(1);
    expect(referencesIn((await agent.get('/admin/submissions?q=mon')).text)).toHaveLength(1);
  });

  test('sorted, a page at a time by keyset, with previous and next within the filter', async () => {
    for (let day = 10; day < 65; day += 1)
      await submitAt(new Date(Date.UTC(2020, 3, day, 9)).toISOString(), { name: `Member ${day}` });
    const first = await agent.get('/admin/submissions').expect(200);
    expect(first.text).toContain('58 submissions match.');
    const firstPage = referencesIn(first.text);
    expect(firstPage).toHaveLength(50);
    const next = /href="\/admin\/submissions(\?after=[^"]+)" rel="next"/.exec(first.text)![1]!;
    const second = await agent.get(`/admin/submissions${next.replace(/&amp;/g, '&')}`).expect(200);
    const secondPage = referencesIn(second.text);
    expect(secondPage).toHaveLength(8);
    expect(new Set([...firstPage, ...secondPage]).size).toBe(58);
    const previous = /href="\/admin\/submissions(\?before=[^"]+)" rel="prev"/.exec(second.text)![1]!;
    expect(referencesIn((await agent.get(`/admin/submissions${previous.replace(/&amp;/g, '&')}`)).text)).toEqual(
      firstPage,
    );

    const oldestFirst = referencesIn((await agent.get('/admin/submissions?sort=oldest')).text);
    expect(oldestFirst[0]).toBe(secondPage.at(-1));

    const detail = await agent.get(`/admin/submissions/${firstPage[1]}?sort=newest`).expect(200);
    expect(detail.text).toContain(`href="/admin/submissions/${firstPage[0]}" rel="prev"`);
    expect(detail.text).toContain(`href="/admin/submissions/${firstPage[2]}" rel="next"`);
  });
});

describe('reviewing a submission', () => {
  test('status, notes and tags are saved, counted, filterable and audited', async () => {
    const reference = await submitAt('2020-05-01T10:00:00+01:00');
    const other = await submitAt('2020-05-02T10:00:00+01:00');
    await review(reference, { status: 'used', note: 'Quote this in the workforce chapter.', tags: 'workforce' }).expect(
      303,
    );
    await review(other, { tags: 'Workforce, dentistry' }).expect(303);
    await review(other, { removeTag: 'dentistry' }).expect(303);

    const page = await agent.get(`/admin/submissions/${reference}`).expect(200);
    expect(page.text).toMatch(/value="used" checked/);
    expect(page.text).toContain('Quote this in the workforce chapter.');
    expect(referencesIn((await agent.get('/admin/submissions?tag=workforce')).text).sort()).toEqual(
      [reference, other].sort(),
    );
    expect(referencesIn((await agent.get('/admin/submissions?status=used')).text)).toEqual([reference]);
    expect((await agent.get('/admin')).text).toContain('workforce (2)');
    expect((await agent.get('/admin')).text).not.toContain('dentistry');

    const audit = await agent.get('/admin/audit').expect(200);
    for (const action of ['Status changed', 'Note added', 'Tag added', 'Tag removed', 'Signed in'])
      expect(audit.text).toContain(action);
    await review(reference, { status: 'archived' }).expect(400);
  });

  test('reports download through an authorised route, as attachments of the right type', async () => {
    const reference = await submitWithReports({}, [{ name: 'Canton notes.docx', content: docxFile() }]);
    const download = await agent.get(`/admin/submissions/${reference}/reports/0`).buffer(true).parse(asBuffer);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(download.headers['content-disposition']).toBe('attachment; filename="Canton notes.docx"');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, docxFile())).toBe(0);
    await agent.get(`/admin/submissions/${reference}/reports/1`).expect(404);
  });

  test('a report that could run something when opened is accepted, and the officer is told what is in it, in either language', async () => {
    const reference = await submitWithReports({}, [
      { name: 'Canton minutes.docx', content: docxWithMacro() },
      { name: 'Canton poster.pdf', content: pdfOpeningWithJavaScript() },
      { name: 'Canton plan.rtf', content: rtfWithEmbeddedObject() },
      { name: 'Canton report.pdf', content: pdfFile() },
    ]);
    const page = await agent.get(`/admin/submissions/${reference}`).expect(200);
    const warningAfter = (fileName: string) =>
      new RegExp(
        `${fileName}</a>[^<]*<span[^>]*>[^<]*</span>\\s*<p class="warning-text"><strong>([^<]*)</strong>`,
      ).exec(page.text)?.[1];
    expect(warningAfter('Canton minutes.docx')).toContain('this report contains a macro');
    expect(warningAfter('Canton poster.pdf')).toContain(
      'this report contains JavaScript or an action that runs a program when opened',
    );
    expect(warningAfter('Canton plan.rtf')).toContain('this report contains an embedded object');
    expect(warningAfter('Canton report.pdf')).toBeUndefined();
    expect(page.text.match(/class="warning-text"/g)).toHaveLength(3);

    const welsh = await agent.get(`/admin/submissions/${reference}?lang=cy`).expect(200);
    expect(welsh.text).toContain('mae macro yn yr adroddiad hwn');

    // The reports archive carries the same warning beside each file, where whoever unzips it sees it.
    const zip = await agent.get('/admin/exports/reports.zip?lang=en').buffer(true).parse(asBuffer);
    const entries = unzipSync(new Uint8Array(zip.body as Buffer));
    expect(Object.keys(entries).sort()).toEqual(
      [
        'Canton minutes.docx',
        'Canton minutes.docx - WARNING.txt',
        'Canton plan.rtf',
        'Canton plan.rtf - WARNING.txt',
        'Canton poster.pdf',
        'Canton poster.pdf - WARNING.txt',
        'Canton report.pdf',
      ]
        .map((name) => `${reference}/${name}`)
        .sort(),
    );
    expect(strFromU8(entries[`${reference}/Canton minutes.docx - WARNING.txt`]!)).toContain(
      'this report contains a macro',
    );
  });
});

describe('responses that came by email or post', () => {
  test('are entered with the same form and checks, with channel, date received and the scanned letter', async () => {
    await laterOn('2020-06-20T10:00:00+01:00');
    const form = await agent.get('/admin/entries/new').expect(200);
    expect(form.text).toContain('How did the response arrive?');
    const post = agent
      .post('/admin/entries')
      .field('_csrf', csrf)
      .field('channel', 'post')
      .field('receivedDay', '3')
      .field('receivedMonth', '6')
      .field('receivedYear', '2020')
      .field('language', 'cy')
      .field('respondentType', 'branch')
      .field('name', 'Megan Lloyd')
      .field('bodyName', 'Caernarfon Branch')
      .field('roleInBody', 'Ysgrifennydd')
      .field('constituency', 'arfon')
      .field('consentQuote', 'yes')
      .attach('reports', pdfFile('Scanned letter'), 'letter.pdf');
    const recorded = await post.expect(303);
    const reference = /\/admin\/submissions\/(S2-[^?]+)\?recorded=1/.exec(recorded.headers.location!)![1]!;
    const stored = portal.services.submissions.find(reference);
    expect(stored).toMatchObject({
      channel: 'post',
      language: 'cy',
      receivedDay: '2020-06-03',
      email: null,
      bodyName: 'Caernarfon Branch',
    });
    expect(stored.attachments.map((file) => file.originalName)).toEqual(['letter.pdf']);
    const entry = portal.db.prepare('SELECT entered_by FROM submissions WHERE reference = ?').pluck().get(reference);
    expect(entry).toBe(1);
    expect((await agent.get(recorded.headers.location!)).text).toContain(`Recorded as ${reference}.`);
    expect((await agent.get('/admin/audit')).text).toContain('Response recorded');
  });

  test('mistakes are shown with every value kept, like the public form', async () => {
    const response = await agent
      .post('/admin/entries')
      .field('_csrf', csrf)
      .field('channel', 'email')
      .field('receivedDay', '31')
      .field('receivedMonth', '2')
      .field('receivedYear', '2020')
      .field('name', 'Kept Name')
      .expect(400);
    expect(response.text).toContain('The date it arrived must be a real date, like 12 6 2020');
    expect(response.text).toContain('Select who the response is from');
    expect(response.text).toContain('value="Kept Name"');
    expect(response.text).toMatch(/value="email" checked/);
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });
});

describe('getting data out', () => {
  test('CSV of the current filter: BOM, a column per answer, London times, status in words, formulas neutralised, named by the filter', async () => {
    const reference = await submitAt('2020-05-01T10:00:00+01:00', {
      name: '=HYPERLINK("http://evil.example","click")',
      answers: [
        { paper: 'health-and-social-care', section: null, body: '+1 more dentists, please' },
        { paper: 'health-and-social-care', section: 'workforce', body: 'Pay, "fairly", for travel\ntime.' },
      ],
      anythingElse: '@SUM(A1:A9)',
    });
    await submitAt('2020-05-02T10:00:00+01:00', {
      respondentType: 'clp',
      bodyName: 'Gower CLP',
      roleInBody: 'Chair',
      constituency: 'gower',
    });
    await review(reference, { tags: 'workforce', status: 'used' });

    const csv = await agent.get('/admin/exports/responses.csv?type=individual').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename=stage-2-responses-individual-2020-05-12.csv');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parse(csv.text, { bom: true });
    expect(header!.filter((heading) => heading.startsWith('Health and Social Care'))).toHaveLength(10);
    expect(rows).toHaveLength(1);
    const cell = (name: string) => rows[0]![header!.indexOf(name)];
    expect(cell('Reference')).toBe(reference);
    expect(cell('Received (UK time)')).toBe('2020-05-01 10:00:00');
    expect(cell('Name')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(cell('Health and Social Care')).toBe("'+1 more dentists, please");
    expect(cell('Health and Social Care: Investing in our workforce')).toBe('Pay, "fairly", for travel\ntime.');
    expect(cell('Health and Social Care: Investment in services for now and the future')).toBe('');
    expect(cell('Anything else')).toBe("'@SUM(A1:A9)");
    expect(cell('Tags')).toBe('workforce');
    expect(cell('Status')).toBe('Used in drafting');
    expect(cell('How it came')).toBe('Web');
    expect(cell('Constituency')).toBe('Arfon');
    expect((await agent.get('/admin/audit')).text).toContain('CSV ?type=individual');

    const welsh = await agent.get('/admin/exports/responses.csv?type=clp&constituency=gower&lang=cy').expect(200);
    expect(welsh.headers['content-disposition']).toBe(
      'attachment; filename=stage-2-responses-clp-gower-2020-05-12.csv',
    );
    const [welshHeader, welshRow] = parse(welsh.text, { bom: true });
    const welshCell = (name: string) => welshRow![welshHeader!.indexOf(name)];
    expect(welshCell('Cyfeirnod')).not.toBe('');
    expect(welshCell('Statws')).toBe('Newydd');
    expect(welshCell('Yn ymateb fel')).toBe('CLP');
    expect(welshCell('Wedi dod i law (amser y DU)')).toBe('2020-05-02 10:00:00');
  });

  test('Excel of the same: London times as date cells, the heading row frozen with a filter on every column', async () => {
    await submitAt('2020-02-14T10:00:00Z', { name: '-2+3', meetingAttendance: 14 });
    await submitAt('2020-05-01T10:00:00+01:00', {
      respondentType: 'branch',
      bodyName: 'Bangor Branch',
      roleInBody: 'Secretary',
      meetingDate: '2020-04-28',
      meetingAttendance: 9,
    });
    const xlsx = await agent.get('/admin/exports/responses.xlsx?sort=oldest').buffer(true).parse(asBuffer);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename=stage-2-responses-2020-05-12.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cellAt = (rowNumber: number, name: string) => sheet.getRow(rowNumber).getCell(header.indexOf(name) + 1);
    expect(cellAt(2, 'Name').value).toBe('-2+3');
    expect(cellAt(2, 'Name').type).toBe(ExcelJS.ValueType.String);
    expect(cellAt(2, 'Attendance').value).toBe(14);
    // Excel has no time zones: the cell holds the London time (GMT in February, BST in May).
    expect(cellAt(2, 'Received (UK time)').value).toEqual(new Date('2020-02-14T10:00:00Z'));
    expect(cellAt(3, 'Received (UK time)').value).toEqual(new Date('2020-05-01T10:00:00Z'));
    expect(cellAt(3, 'Received (UK time)').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(cellAt(3, 'Meeting date').value).toEqual(new Date('2020-04-28T00:00:00Z'));
    expect(cellAt(3, 'Meeting date').numFmt).toBe('yyyy-mm-dd');
    expect(cellAt(3, 'Status').value).toBe('New');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:${sheet.getColumn(header.length).letter}3`);
  });

  test('a ZIP of the reports for the current filter, each named by reference and file name', async () => {
    const withTwo = await submitWithReports({ name: 'First' }, [
      { name: 'report.pdf', content: pdfFile() },
      { name: 'notes.docx', content: docxFile() },
    ]);
    const withOne = await submitWithReports({ name: 'Second', constituency: 'wrexham' }, [
      { name: 'report.pdf', content: pdfFile('Other') },
    ]);
    const zipPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portal-zip-')), 'reports.zip');
    const zip = await agent.get('/admin/exports/reports.zip?report=yes').buffer(true).parse(asBuffer);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toBe('attachment; filename=stage-2-reports-with-reports-2020-05-12.zip');
    fs.writeFileSync(zipPath, zip.body as Buffer);
    const names = await new Promise<string[]>((resolve, reject) => {
      yauzl.open(zipPath, { lazyEntries: true }, (error, archive) => {
        if (error || !archive) return reject(error ?? new Error(`yauzl opened no archive at ${zipPath}`));
        const entries: string[] = [];
        archive.on('entry', (entry: yauzl.Entry) => {
          entries.push(entry.fileName);
          archive.readEntry();
        });
        archive.on('end', () => resolve(entries));
        archive.readEntry();
      });
    });
    expect(names.sort()).toEqual([`${withOne}/report.pdf`, `${withTwo}/notes.docx`, `${withTwo}/report.pdf`].sort());
    fs.rmSync(path.dirname(zipPath), { recursive: true, force: true });
  });
});

test('erasure removes the submission, its answers, notes, tags, search entry and files, and the audit log keeps only that it happened', async () => {
  const reference = await submitWithReports(
    { name: 'Erase Me', 'answer__health-and-social-care': 'A distinctive phrase: zebrafinch.' },
    [{ name: 'report.pdf', content: pdfFile() }],
  );
  await review(reference, { note: 'private note', tags: 'erasable' });
  expect(filesUnder(path.join(portal.dataDir, 'uploads'))).toHaveLength(1);

  const confirm = await agent.get(`/admin/submissions/${reference}/erase`).expect(200);
  expect(confirm.text).toContain('This cannot be undone.');
  expect(confirm.text).toContain('backups taken before now, still hold it');
  const erased = await agent
    .post(`/admin/submissions/${reference}/erase`)
    .type('form')
    .send({ _csrf: csrf })
    .expect(303);
  expect((await agent.get(erased.headers.location!)).text).toContain(`${reference} has been erased.`);

  for (const table of ['submissions', 'answers', 'attachments', 'notes', 'submission_tags', 'submission_search']) {
    expect({ table, rows: countRows(portal.db, table) }).toEqual({ table, rows: 0 });
  }
  expect(
    portal.db
      .prepare("SELECT count(*) FROM submission_search WHERE submission_search MATCH 'zebrafinch'")
      .pluck()
      .get(),
  ).toBe(0);
  expect(filesUnder(path.join(portal.dataDir, 'uploads'))).toEqual([]);
  expect(filesUnder(path.join(portal.dataDir, 'tmp'))).toEqual([]);
  const auditText = JSON.stringify(portal.db.prepare('SELECT * FROM audit_log').all());
  expect(auditText).toContain('"action":"erased"');
  expect(auditText).not.toContain('Erase Me');
  expect(auditText).not.toContain('zebrafinch');
  expect(auditText).not.toContain('private note');
  expect(auditText).not.toContain('erasable');
  await agent.get(`/admin/submissions/${reference}`).expect(404);
  // Nothing of it is left in the database's files either.
  for (const file of fs.readdirSync(portal.dataDir).filter((name) => name.startsWith('portal.db'))) {
    expect({ file, found: fs.readFileSync(path.join(portal.dataDir, file)).includes('zebrafinch') }).toEqual({
      file,
      found: false,
    });
  }
});

test('an entry sent twice (a double click) is recorded once', async () => {
  const form = await agent.get('/admin/entries/new').expect(200);
  const formToken = /name="formToken" value="([0-9a-f]{32})"/.exec(form.text)![1]!;
  const send = () =>
    agent
      .post('/admin/entries')
      .field('_csrf', csrf)
      .field('formToken', formToken)
      .field('channel', 'email')
      .field('receivedDay', '10')
      .field('receivedMonth', '5')
      .field('receivedYear', '2020')
      .field('language', 'en')
      .field('respondentType', 'individual')
      .field('name', 'Twice Sent')
      .field('constituency', 'delyn')
      .field('answer__health-and-social-care', 'Sent by email.')
      .field('consentQuote', 'no');
  const [first, second] = [await send(), await send()];
  expect([first.status, second.status]).toEqual([303, 303]);
  expect(second.headers.location).toBe(first.headers.location);
  expect(countRows(portal.db, 'submissions')).toBe(1);
});

test('removing a tag a submission does not have changes nothing and records nothing', async () => {
  const reference = await submitAt('2020-05-01T10:00:00+01:00');
  await review(reference, { removeTag: 'never-added' }).expect(303);
  expect(portal.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'tag-%'").pluck().get()).toBe(0);
});

describe('stored XSS: what respondents and officers type is inert on every officer page', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    '<iframe src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<body onload=alert(1)>',
    '<input autofocus onfocus=alert(1)>',
    '<details open ontoggle=alert(1)>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<object data="javascript:alert(1)">',
    '<embed src="javascript:alert(1)">',
    '<link rel=import href="http://evil.example">',
    '<meta http-equiv="refresh" content="0;url=http://evil.example">',
    '<base href="http://evil.example/">',
    '<form action="http://evil.example"><button>x</button></form>',
    '<style>body{background:url(http://evil.example)}</style>',
    '<div style="background:url(javascript:alert(1))">',
    '</textarea><script>alert(1)</script>',
    '</title><script>alert(1)</script>',
    '<!--<script>alert(1)//-->',
    '<scr<script>ipt>alert(1)</script>',
    '<ScRiPt>alert(1)</ScRiPt>',
    '<img src="x" onerror="&#97;lert(1)">',
    '<video><source onerror=alert(1)>',
    '<audio src=x onerror=alert(1)>',
    '<marquee onstart=alert(1)>',
    '<select autofocus onfocus=alert(1)>',
    '<keygen autofocus onfocus=alert(1)>',
    '${alert(1)}<%= 7*7 %>{{7*7}}',
    '\u0001<mark>fake highlight</mark>\u0002',
  ];
  const marker = (index: number) => `xss${index}marker`;

  test(`${payloads.length} payloads in every free-text field`, async () => {
    const references: string[] = [];
    for (const [index, payload] of payloads.entries()) {
      const text = `${marker(index)} ${payload}`;
      const reference = await submitAt(`2020-05-0${(index % 9) + 1}T10:00:00+01:00`, {
        respondentType: 'affiliate',
        name: text,
        bodyName: text,
        roleInBody: text.slice(0, 100),
        constituency: 'wales-wide',
        answers: [
          { paper: 'health-and-social-care', section: null, body: text },
          { paper: 'health-and-social-care', section: 'workforce', body: text },
        ],
        anythingElse: text,
      });
      references.push(reference);
      await review(reference, { note: text, tags: payload.slice(0, 40) });
    }
    const pages = [
      '/admin',
      '/admin/submissions',
      '/admin/submissions?q=marker',
      `/admin/submissions?q=${marker(3)}`,
      '/admin/audit',
      '/admin/digests',
      ...references.map((reference) => `/admin/submissions/${reference}`),
      ...references.slice(0, 3).map((reference) => `/admin/submissions/${reference}/erase`),
    ];
    for (const url of pages) {
      const html = (await agent.get(url).expect(200)).text;
      for (const dangerous of [
        /<script>alert/i,
        /<img src=x onerror/i,
        /<svg onload/i,
        /<iframe/i,
        /<a href="javascript/i,
        /onerror="&#97;/,
        /<details open ontoggle/i,
        /<meta http-equiv/i,
        /<base href/i,
        /<style>body/i,
        /<mark>fake/,
      ]) {
        expect({ url, found: dangerous.test(html) }).toEqual({ url, found: false });
      }
      // The only script on any page is the portal's own file.
      expect({ url, scripts: html.match(/<script[^>]*>/gi) }).toEqual({
        url,
        scripts: [expect.stringMatching(/^<script src="\/assets\/js\/portal\.[0-9a-f]{12}\.js" defer>$/)],
      });
    }
  });
});

describe('a response written in Welsh', () => {
  test('is marked as Welsh on the English page, and not on the Welsh one', async () => {
    const reference = await portal.services.submissions.submit(
      {
        respondentType: 'individual',
        name: 'Nia Griffiths',
        email: 'nia@example.org',
        bodyName: null,
        roleInBody: null,
        constituency: 'llanelli',
        answers: [
          { paper: 'health-and-social-care', section: null, body: 'Mwy o fferyllfeydd cymunedol, os gwelwch yn dda.' },
        ],
        anythingElse: null,
        meetingDate: null,
        meetingAttendance: null,
        consentToQuote: false,
      },
      [],
      'cy',
      'c'.repeat(32),
    );
    const english = (await agent.get(`/admin/submissions/${reference}`).expect(200)).text;
    expect(english).toContain('<div class="answer-text" lang="cy">Mwy o fferyllfeydd cymunedol');
    const welsh = (await agent.get(`/admin/submissions/${reference}?lang=cy`).expect(200)).text;
    expect(welsh).toContain('<div class="answer-text">Mwy o fferyllfeydd cymunedol');
  });
});

describe('the digests page', () => {
  test('says when the digests go, as the settings have it', async () => {
    const configured = createTestPortal({ env: { DIGEST_WEEKDAY: '5', DIGEST_HOUR: '17', DIGEST_DAILY_DAYS: '3' } });
    try {
      await addOfficer(configured);
      const officer = await signIn(configured.app);
      const page = (await officer.agent.get('/admin/digests').expect(200)).text;
      expect(page).toContain(
        'weekly on Friday at 5:00pm while the consultation is open, daily at the same time in its last 3 days',
      );
      const welsh = (await officer.agent.get('/admin/digests?lang=cy').expect(200)).text;
      expect(welsh).toContain('bob wythnos am 5:00yh ddydd Gwener tra bo');
      expect(welsh).toContain('yn ystod y 3 diwrnod olaf');
    } finally {
      configured.close();
    }
  });

  test('previews the next digest, sends one now, and lets the officer opt in and out', async () => {
    await submitAt('2020-05-01T10:00:00+01:00', { name: 'Digest Person' });
    const page = await agent.get('/admin/digests').expect(200);
    expect(page.text).toContain('STAGE 2 POLICY CONSULTATION: digest, 1 new response');
    expect(page.text).toContain('Digest Person');
    expect(page.text).toContain('Nobody yet');

    await agent.post('/admin/digests/subscription').type('form').send({ _csrf: csrf, wantsDigest: 'yes' }).expect(303);
    expect((await agent.get('/admin/digests')).text).toContain(
      '<li>policy.officer@example.org <span class="secondary">(English)</span></li>',
    );
    await agent.post('/admin/digests/send').type('form').send({ _csrf: csrf }).expect(303);
    expect(portal.db.prepare("SELECT recipient FROM outbox WHERE kind = 'digest'").pluck().all()).toEqual([
      'policy.officer@example.org',
    ]);
    const after = await agent.get('/admin/digests?sent=1').expect(200);
    expect(after.text).toContain('A digest has been made and is on its way.');
    expect(after.text).toContain('0 sent, 1 waiting, 0 failed');

    await agent.post('/admin/digests/subscription').type('form').send({ _csrf: csrf, wantsDigest: 'no' }).expect(303);
    expect((await agent.get('/admin/digests')).text).toContain('Nobody yet');
  });

  /** The page's forms that choose whether and how the officer gets the digests, by their button's words, with what each posts. */
  const subscriptionForms = (html: string) =>
    new Map(
      [...html.matchAll(/<form method="post" action="\/admin\/digests\/subscription">([\s\S]*?)<\/form>/g)].map(
        ([, form]) => [/<button[^>]*>([^<]*)<\/button>/.exec(form!)![1]!, formValues(form!)],
      ),
    );

  test('in Welsh, previews the next digest in Welsh, and an officer who opts in there gets them in Welsh until they choose English', async () => {
    await submitAt('2020-05-01T10:00:00+01:00', { name: 'Person Digest', constituency: 'gower' });
    const page = (await agent.get('/admin/digests?lang=cy').expect(200)).text;
    expect(page).toContain('YMGYNGHORIAD POLISI CAM 2: crynodeb, 1 ymateb newydd');
    expect(page).toContain('Person Digest · Unigolyn · Gŵyr');
    expect(page).toContain('Ar agor ar gyfer ymatebion tan 11:59yh ddydd Llun 15 Mehefin 2020');
    expect(page).toContain('Heb glywed gan y rhain eto: Aberafan, Aberconwy, Alun a Glannau Dyfrdwy, Arfon');
    expect(page).toContain('bob wythnos am 8:00yb ddydd Llun tra bo');
    expect(page).toContain('yn ystod y 7 diwrnod olaf');
    // In the Welsh alphabet's order of the Welsh names: Bridgend is Pen-y-bont ar Ogwr, after Ogwr.
    expect(page).toContain('Mynwy, Ogwr, Pen-y-bont ar Ogwr, Pontypridd');
    expect(page).not.toMatch(/STAGE 2|new response|Not yet heard|Alyn and Deeside/);

    const optIn = subscriptionForms(page).get('Anfon y crynodebau ataf i hefyd');
    await agent.post('/admin/digests/subscription').type('form').send(optIn).expect(303);
    expect(portal.services.digests.recipients()).toEqual([{ address: 'policy.officer@example.org', language: 'cy' }]);
    const subscribed = (await agent.get('/admin/digests').expect(200)).text;
    expect(subscribed).toContain('<li>policy.officer@example.org <span class="secondary">(Cymraeg)</span></li>');
    expect(subscribed).toContain('Rydych chi&#39;n eu cael yn Gymraeg.');

    const inEnglish = subscriptionForms(subscribed).get('Eu hanfon ataf i yn Saesneg yn lle hynny');
    await agent.post('/admin/digests/subscription').type('form').send(inEnglish).expect(303);
    expect(portal.services.digests.recipients()).toEqual([{ address: 'policy.officer@example.org', language: 'en' }]);
    const english = (await agent.get('/admin/digests?lang=en').expect(200)).text;
    expect(english).toContain('You get them in English.');
    expect([...subscriptionForms(english).keys()]).toEqual([
      'Send them to me in Welsh instead',
      'Stop sending the digests to me',
    ]);
  });
});
