import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { projectRoot } from '../../server/config';
import type { Db } from '../../server/platform/db/database';
import { ReviewRepository } from '../../server/submissions/reviewRepository';
import { StatisticsRepository } from '../../server/submissions/statisticsRepository';
import { SubmissionRepository } from '../../server/submissions/submissionRepository';
import { loadCorpus } from '../../server/features/demo/corpus';
import { asNewSubmission, DemoSubmissions } from '../../server/features/demo/demoSubmissions';
import { digestListLimit } from '../../server/features/digests/digestService';
import { createTestPortal, duringConsultation, type TestPortal } from '../support/testPortal';
import { noFilter } from '../support/filters';

/** Stores `count` demo responses from the last month, as the seeding command does, and returns their ids. */
function storeDemoResponses(portal: TestPortal, count: number): number[] {
  const consultation = portal.services.consultation;
  const demo = new DemoSubmissions(
    consultation,
    loadCorpus(path.join(projectRoot, 'bench', 'corpus')),
    { from: new Date(duringConsultation.getTime() - 30 * 24 * 3600 * 1000), to: duringConsultation },
    count,
    7,
  );
  const submissions = new SubmissionRepository(portal.db);
  const reviews = new ReviewRepository(portal.db);
  return Array.from({ length: count }, () => {
    const response = demo.next();
    const attachments = response.reports.map((report) => ({
      storedName: randomBytes(16).toString('hex'),
      originalName: report.originalName,
      mediaType: 'application/pdf',
      sizeBytes: report.content.length,
      risk: null,
    }));
    const id = submissions.insert(asNewSubmission(response, consultation.slug, response.reference, attachments));
    reviews.setStatus(id, response.status);
    return id;
  });
}

/** The dashboard's figures counted the slow way, from the rows themselves. */
function countedFromRows(db: Db, weekStartDay: string) {
  const grouped = (column: string) =>
    db
      .prepare(
        `SELECT ${column} AS key, count(*) AS total, sum(received_day >= ?) AS recent FROM submissions GROUP BY ${column} ORDER BY key`,
      )
      .all(weekStartDay);
  return {
    byType: grouped('respondent_type'),
    byChannel: grouped('channel'),
    byStatus: grouped('status'),
    byPaper: db
      .prepare(
        `SELECT paper AS key, count(DISTINCT s.id) AS total, count(DISTINCT CASE WHEN received_day >= ? THEN s.id END) AS recent
         FROM answers JOIN submissions s ON s.id = submission_id GROUP BY paper ORDER BY key`,
      )
      .all(weekStartDay),
    perDay: db
      .prepare('SELECT received_day AS date, count(*) AS count FROM submissions GROUP BY received_day ORDER BY date')
      .all(),
    coverage: db
      .prepare(
        `SELECT constituency, sum(respondent_type = 'clp') AS clpResponses, sum(respondent_type <> 'clp') AS otherResponses
         FROM submissions GROUP BY constituency ORDER BY constituency`,
      )
      .all(),
  };
}

const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

describe('the running counts behind the dashboard and the digests', () => {
  let portal: TestPortal;
  beforeEach(() => {
    portal = createTestPortal();
  });
  afterEach(() => portal.close());

  test('always equal counting the rows, after responses arrive, change status and are erased', () => {
    const ids = storeDemoResponses(portal, 400);
    const reviews = new ReviewRepository(portal.db);
    for (const id of ids.slice(0, 50)) reviews.setStatus(id, 'used');
    const submissions = new SubmissionRepository(portal.db);
    for (const id of ids.slice(50, 80)) submissions.delete(id);

    const weekStartDay = '2020-05-11';
    const summary = new StatisticsRepository(portal.db).summary(portal.services.consultation.slug, {
      day: weekStartDay,
    });
    const counted = countedFromRows(portal.db, weekStartDay);
    expect(byKey(summary.byType)).toEqual(counted.byType);
    expect(byKey(summary.byChannel)).toEqual(counted.byChannel);
    expect(byKey(summary.byStatus)).toEqual(counted.byStatus);
    expect(byKey(summary.byPaper)).toEqual(counted.byPaper);
    expect(summary.perDay).toEqual(counted.perDay);
    expect([...summary.coverage].sort((a, b) => a.constituency.localeCompare(b.constituency))).toEqual(
      counted.coverage,
    );
    expect(summary.totals.total).toBe(370);
  });

  test('count the list filtered by whether a report came, with other filters, as the rows do', () => {
    const ids = storeDemoResponses(portal, 400);
    new SubmissionRepository(portal.db).delete(
      ids.find((id) => portal.db.prepare('SELECT has_report FROM submissions WHERE id = ?').pluck().get(id) === 1)!,
    );
    const queries = portal.services.queries;
    const none = noFilter;
    const counted = (condition: string) =>
      portal.db.prepare(`SELECT count(*) FROM submissions WHERE ${condition}`).pluck().get();
    const withReports = counted('id IN (SELECT submission_id FROM attachments)');
    expect(withReports).toBeGreaterThan(0);
    expect(queries.count({ ...none, hasReport: true })).toBe(withReports);
    expect(queries.count({ ...none, hasReport: false })).toBe(
      counted('id NOT IN (SELECT submission_id FROM attachments)'),
    );
    expect(queries.count({ ...none, hasReport: true, status: 'new' })).toBe(
      counted("status = 'new' AND id IN (SELECT submission_id FROM attachments)"),
    );
    expect(
      queries.page({ ...none, hasReport: true }, 'newest', 1000).rows.every((row) => row.attachmentCount > 0),
    ).toBe(true);
  });

  test('a digest lists the first responses and says how many more there are, rather than thousands of lines', () => {
    storeDemoResponses(portal, digestListLimit + 30);
    const digest = portal.services.digests.preview('en');
    expect(digest.text).toContain(`These are the first ${digestListLimit} of ${digestListLimit + 30} new responses.`);
    expect(digest.html).toContain(`${digestListLimit + 30} new responses`);
    expect(digest.text.match(/\/admin\/submissions\/S2-/g)).toHaveLength(digestListLimit);
  });
});
