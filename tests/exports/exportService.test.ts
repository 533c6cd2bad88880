import fs from 'node:fs';
import path from 'node:path';
import { createTestPortal, type TestPortal } from '../support/testPortal';
import { ReviewRepository } from '../../server/submissions/reviewRepository';
import { SubmissionRepository } from '../../server/submissions/submissionRepository';
import { createCatalogue } from '../../server/platform/i18n/catalogue';
import { ExportService } from '../../server/features/exports/exportService';
import type { AcceptedFile } from '../../server/submissions/reports/heldUploads';
import { londonDateTime } from '../../server/platform/time/clock';
import type { ExportRow } from '../../server/features/exports/exportRow';
import type { ResponseContent } from '../../server/submissions/submission';
import { noFilter } from '../support/filters';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

const anything = noFilter;

const response: ResponseContent = {
  respondentType: 'individual',
  name: 'Eira',
  email: 'eira@example.org',
  bodyName: null,
  roleInBody: null,
  constituency: 'ceredigion',
  answers: [],
  anythingElse: 'Rural bus routes to hospital.',
  meetingDate: null,
  meetingAttendance: null,
  consentToQuote: false,
};

const token = (n: number) => n.toString(16).padStart(32, '0');
const language = {
  t: createCatalogue().translatorFor('en'),
  consultation: { papers: [] },
  constituencyName: (slug: string) => slug,
};

test('new responses can be stored while an export is half-way through, and every row is exported once', async () => {
  for (let n = 0; n < 25; n += 1) await portal.services.submissions.submit(response, [], 'en', token(n));
  const rows = portal.services.exports.sheet(anything, 'oldest', language).rows[Symbol.iterator]();
  const first = rows.next();
  if (first.done === true) throw new Error('nothing exported');
  const exported = [first.value.reference];
  // The export holds no statement open between rows, so this write goes through.
  await portal.services.submissions.submit(response, [], 'en', token(99));
  for (let row = rows.next(); row.done !== true; row = rows.next()) exported.push(row.value.reference);
  expect(new Set(exported).size).toBe(exported.length);
  expect(exported.length).toBeGreaterThanOrEqual(25);
});

test('batches are read by keyset, so a filter larger than one batch is exported whole and in order', async () => {
  for (let n = 0; n < 25; n += 1) {
    portal.clock.time = new Date(Date.UTC(2020, 4, 1, 9, n));
    await portal.services.submissions.submit(response, [], 'en', token(n));
  }
  const ids = [...portal.services.queries.matchingIdBatches(anything, 'oldest', 4)].flat();
  expect(ids).toHaveLength(25);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
});

test('a response erased half-way through an export, the last of a batch among them, leaves the rest of the export whole', async () => {
  const references: string[] = [];
  for (let n = 0; n < 9; n += 1) {
    portal.clock.time = new Date(Date.UTC(2020, 4, 1, 9, n));
    references.push(await portal.services.submissions.submit(response, [], 'en', token(n)));
  }
  const batches = portal.services.queries.matchingIdBatches(anything, 'oldest', 4);
  const firstBatch = batches.next().value as number[];
  portal.services.erasure.erase(references[3]!, { officerId: null, name: 'test' });
  const rest = [...batches].flat();
  expect(firstBatch).toHaveLength(4);
  expect(rest).toHaveLength(5);
  expect(new Set([...firstBatch, ...rest]).size).toBe(9);
});

describe('rows read in batches', () => {
  const officer = { officerId: null, name: 'test' };
  let made = 0;

  function exportsInBatchesOf(batchSize: number): ExportService {
    const { services, db } = portal;
    const [submissions, reviews] = [new SubmissionRepository(db), new ReviewRepository(db)];
    return new ExportService({
      consultation: services.consultation,
      queries: services.queries,
      submissions,
      reviews,
      attachments: services.attachments,
      audit: services.audit,
      batchSize,
    });
  }

  function report(originalName: string): AcceptedFile {
    made += 1;
    const storedName = made.toString(16).padStart(32, 'a');
    const filePath = path.join(portal.dataDir, `upload-${made}`);
    fs.writeFileSync(filePath, `%PDF ${originalName}`);
    return {
      path: filePath,
      storedName,
      originalName,
      mediaType: 'application/pdf',
      sizeBytes: fs.statSync(filePath).size,
      risk: null,
    };
  }

  /** Seven responses a minute apart, each with its own mix of answers, reports and tags. */
  async function submitVariedResponses(): Promise<void> {
    const [paper] = portal.services.consultation.papers;
    const [firstSection, secondSection] = paper!.sections;
    for (let n = 0; n < 7; n += 1) {
      portal.clock.time = new Date(Date.UTC(2020, 4, 1, 9, n));
      // The answer to the whole paper comes between two sections' answers: the cell keeps the order they were given in.
      const answers = [
        ...(n % 2 === 0 ? [{ paper: paper!.slug, section: secondSection!.slug, body: `second section ${n}` }] : []),
        { paper: paper!.slug, section: null, body: `whole paper ${n}` },
        ...(n % 3 === 0 ? [{ paper: paper!.slug, section: firstSection!.slug, body: `first section ${n}` }] : []),
      ];
      const files = n % 3 === 1 ? [report(`minutes ${n}.pdf`), report(`report ${n}.pdf`)] : [];
      const reference = await portal.services.submissions.submit(
        { ...response, name: `Respondent ${n}`, answers },
        files,
        'en',
        token(n),
      );
      if (n % 2 === 1) {
        portal.services.reviews.save(
          reference,
          { status: 'new', note: null, addTags: ['zebra crossings', `Area ${n}`], removeTags: [] },
          officer,
        );
      }
    }
  }

  test('read together, submissions are the same as read one at a time, and gone ones are left out', async () => {
    await submitVariedResponses();
    const repository = new SubmissionRepository(portal.db);
    const ids = [...portal.services.queries.matchingIdBatches(anything, 'newest')].flat();
    const oneAtATime = (some: readonly number[]) => some.map((id) => repository.findById(id));
    // Ids far apart are looked up one by one; ids close together are read as a range, less those not asked for.
    expect(repository.findManyByIds([...ids, 999_999])).toEqual(oneAtATime(ids));
    expect(repository.findManyByIds(ids)).toEqual(oneAtATime(ids));
    const everyOther = ids.filter((_id, index) => index % 2 === 0);
    expect(repository.findManyByIds(everyOther)).toEqual(oneAtATime(everyOther));
    expect(repository.findManyByIds([])).toEqual([]);
    const reviews = new ReviewRepository(portal.db);
    const tagsById = reviews.tagsOfMany(ids);
    expect(ids.map((id) => tagsById.get(id) ?? [])).toEqual(ids.map((id) => reviews.tagsOf(id)));
  });

  test.each(['oldest', 'newest'] as const)(
    'gives the same rows, in the same %s-first order, whatever the batch size, each answer in its own column',
    async (sort) => {
      await submitVariedResponses();
      const [paper] = portal.services.consultation.papers;
      const { columns } = portal.services.exports.sheet(anything, sort, {
        ...language,
        consultation: portal.services.consultation,
      });
      const headers = columns.map((column) => column.header);
      const [firstSection, secondSection] = paper!.sections;
      const answerCells = (n: number) => {
        const cells: Record<string, string> = { [paper!.title]: `whole paper ${n}` };
        if (n % 2 === 0) cells[`${paper!.title}: ${secondSection!.title}`] = `second section ${n}`;
        if (n % 3 === 0) cells[`${paper!.title}: ${firstSection!.title}`] = `first section ${n}`;
        return cells;
      };
      const expected = [0, 1, 2, 3, 4, 5, 6].map((n) => ({
        name: `Respondent ${n}`,
        receivedAt: londonDateTime(new Date(Date.UTC(2020, 4, 1, 9, n))),
        answers: answerCells(n),
        tags: n % 2 === 1 ? [`Area ${n}`, 'zebra crossings'] : [],
        attachmentNames: n % 3 === 1 ? [`minutes ${n}.pdf`, `report ${n}.pdf`] : [],
      }));
      if (sort === 'newest') expected.reverse();

      const rowsInBatchesOf = (batchSize: number) => [
        ...exportsInBatchesOf(batchSize).sheet(anything, sort, language).rows,
      ];
      const rows = rowsInBatchesOf(2);
      const answerHeaders = headers.filter((header) => header.startsWith(paper!.title));
      const answersUnder = (row: ExportRow) =>
        Object.fromEntries(
          answerHeaders.flatMap((header) => {
            const cell = columns[headers.indexOf(header)]!.cell(row);
            return cell === '' ? [] : [[header, cell]];
          }),
        );
      const checked = rows.map((row) => ({
        name: row.name,
        receivedAt: row.receivedAt,
        answers: answersUnder(row),
        tags: row.tags,
        attachmentNames: row.attachmentNames,
      }));
      expect(checked).toEqual(expected);
      expect(rows[0]!.receivedAt).toMatch(/^2020-05-01 10:0\d:00$/);
      expect(rowsInBatchesOf(3)).toEqual(rows);
      expect(rowsInBatchesOf(1000)).toEqual(rows);
    },
  );

  test('the reports archive lists every report, in order, across batches', async () => {
    await submitVariedResponses();
    const files = [
      ...exportsInBatchesOf(2).reportFiles(anything, 'oldest', (risk, name) => ({ name: `${name}.txt`, text: risk })),
    ];
    expect(files.map((file) => file.originalName)).toEqual([
      'minutes 1.pdf',
      'report 1.pdf',
      'minutes 4.pdf',
      'report 4.pdf',
    ]);
    for (const file of files) expect(fs.readFileSync(file.path, 'utf8')).toBe(`%PDF ${file.originalName}`);
  });
});
