import { createTestPortal, type TestPortal } from '../support/testPortal';
import type { SubmissionFilter } from '../../server/db/submissionQueries';
import type { ResponseContent } from '../../server/services/submission';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

const anything: SubmissionFilter = {
  text: null, paper: null, respondentType: null, constituency: null, channel: null, hasReport: null,
  status: null, tag: null, language: null, receivedFrom: null, receivedTo: null,
};

const response: ResponseContent = {
  respondentType: 'individual', name: 'Eira', email: 'eira@example.org', bodyName: null, roleInBody: null,
  constituency: 'ceredigion', answers: [], anythingElse: 'Rural bus routes to hospital.', meetingDate: null,
  meetingAttendance: null, consentToQuote: false,
};

const token = (n: number) => n.toString(16).padStart(32, '0');
const labels = { respondentType: (type: string) => type, constituency: (slug: string) => slug };

test('new responses can be stored while an export is half-way through, and every row is exported once', () => {
  for (let n = 0; n < 25; n += 1) portal.services.submissions.submit(response, [], 'en', token(n));
  const rows = portal.services.exports.rows(anything, 'oldest', labels);
  const exported = [rows.next().value!.reference];
  // The export holds no statement open between rows, so this write goes through.
  portal.services.submissions.submit(response, [], 'en', token(99));
  for (const row of rows) exported.push(row.reference);
  expect(new Set(exported).size).toBe(exported.length);
  expect(exported.length).toBeGreaterThanOrEqual(25);
});

test('batches are read by keyset, so a filter larger than one batch is exported whole and in order', () => {
  for (let n = 0; n < 25; n += 1) {
    portal.clock.time = new Date(Date.UTC(2020, 4, 1, 9, n));
    portal.services.submissions.submit(response, [], 'en', token(n));
  }
  const ids = [...portal.services.queries.matchingIds(anything, 'oldest', 4)];
  expect(ids).toHaveLength(25);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
});
