import path from 'node:path';
import type { Request } from 'express';
import { PartTally } from '../../server/web/intake/partTally';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { pdfFile } from '../support/files';
import { escapeHtml, message, shownValue } from '../support/formPage';
import { boundary, fieldParts, multipartBody, multipartType, type RawPart } from '../support/multipart';
import { countRows, openForm, validFields } from '../support/respond';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

/** The form, with the report part placed between the fields, as a browser places the file input. */
async function postWithReportPart(report: RawPart) {
  const { agent, csrf } = await openForm(portal.app);
  const entries = Object.entries(validFields({ name: 'Kept Name', anythingElse: 'Kept text' }));
  const body = multipartBody([
    ...fieldParts({ _csrf: csrf, ...Object.fromEntries(entries.slice(0, 2)) }),
    report,
    ...fieldParts(Object.fromEntries(entries.slice(2))),
  ]);
  return agent.post('/respond').set('Content-Type', multipartType).send(body);
}

const namelessMessage = escapeHtml(message('respond.errors.reports.noFileName'));

describe('a report part that arrives without a file name is refused by name, not dropped', () => {
  test.each([
    // With no file name, the parser takes the part for a field.
    ['with no filename parameter', { name: 'reports', value: pdfFile(), contentType: 'application/pdf' }],
    // A raw quotation mark ends the name early: the parser cannot read the part's header, and skips it.
    [
      'with a raw quotation mark in its name',
      { name: 'reports', value: pdfFile(), filename: 'Report "final".pdf', contentType: 'application/pdf' },
    ],
    [
      'with a name in an encoding it cannot read',
      { name: 'reports', value: pdfFile(), encodedFilename: '%ZZ.pdf', contentType: 'application/pdf' },
    ],
  ])('%s', async (_case, report: RawPart) => {
    const response = await postWithReportPart(report);
    expect(response.status).toBe(400);
    expect(response.text).toContain(namelessMessage);
    expect(response.text).toContain('href="#reports"');
    expect(shownValue(response.text, 'name')).toBe('Kept Name');
    expect(response.text).toContain('Kept text');
    expect(countRows(portal.db, 'submissions')).toBe(0);
    expect(filesUnder(path.join(portal.dataDir, 'uploads'))).toEqual([]);
  });

  test('an empty file input, as a browser sends it, is not a report and the response is stored', async () => {
    const response = await postWithReportPart({
      name: 'reports',
      value: '',
      filename: '',
      contentType: 'application/octet-stream',
    });
    expect(response.status).toBe(303);
    expect(countRows(portal.db, 'submissions')).toBe(1);
  });
});

test('parts are counted the same however the body is cut into chunks', () => {
  const body = Buffer.concat([
    Buffer.from('a preamble, which no parser reads\r\n'),
    multipartBody([
      ...fieldParts({ one: '1', two: `a value with --${boundary} inside` }),
      { name: 'reports', value: pdfFile(), filename: 'a.pdf' },
    ]),
    Buffer.from(`an epilogue\r\n--${boundary}\r\n`),
  ]);
  for (const chunkSize of [1, 2, 7, 64, body.length]) {
    const tally = PartTally.of({ headers: { 'content-type': multipartType } } as Request)!;
    for (let start = 0; start < body.length; start += chunkSize) tally.scan(body.subarray(start, start + chunkSize));
    tally.partRead();
    expect({ chunkSize, skipped: tally.skipped }).toEqual({ chunkSize, skipped: 2 });
  }
});
