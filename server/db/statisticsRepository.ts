import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export interface CountWithRecent {
  readonly key: string;
  readonly total: number;
  /** How many arrived since the start of this week. */
  readonly recent: number;
}

export interface ConstituencyCoverage {
  readonly constituency: string;
  readonly clpResponses: number;
  readonly otherResponses: number;
}

type ByConsultationAndDay = [{ consultation: string; sinceDay: string }];
type ByConsultationAndId = [{ consultation: string; afterId: number }];

export interface Statistics {
  readonly totals: { readonly total: number; readonly recent: number };
  readonly byType: CountWithRecent[];
  readonly byChannel: CountWithRecent[];
  readonly byStatus: CountWithRecent[];
  readonly byPaper: CountWithRecent[];
  readonly coverage: ConstituencyCoverage[];
  readonly perDay: { date: string; count: number }[];
}

/** What has arrived since a moment: a London day for the dashboard's week, or the last submission a digest reported. */
export type Since = { readonly day: string } | { readonly afterSubmissionId: number };

/**
 * Counts for the officer's dashboard and the digests. Totals come from the running counts that
 * triggers keep (migration 0004), so they cost the same at a million responses as at ten.
 */
export class StatisticsRepository {
  private readonly totals: Statement<ByConsultationAndDay, { total: number; recent: number }>;
  private readonly byType: Statement<ByConsultationAndDay, CountWithRecent>;
  private readonly byChannel: Statement<ByConsultationAndDay, CountWithRecent>;
  private readonly byStatus: Statement<ByConsultationAndDay, CountWithRecent>;
  private readonly byPaper: Statement<ByConsultationAndDay, CountWithRecent>;
  private readonly newByType: Statement<ByConsultationAndId, { key: string; recent: number }>;
  private readonly newByChannel: Statement<ByConsultationAndId, { key: string; recent: number }>;
  private readonly newByStatus: Statement<ByConsultationAndId, { key: string; recent: number }>;
  private readonly newByPaper: Statement<ByConsultationAndId, { key: string; recent: number }>;
  private readonly coverage: Statement<[string], ConstituencyCoverage>;
  private readonly perDay: Statement<[string], { date: string; count: number }>;

  constructor(db: Db) {
    const grouped = (column: string) =>
      db.prepare(`
        SELECT ${column} AS key, sum(submissions) AS total, coalesce(sum(submissions) FILTER (WHERE received_day >= @sinceDay), 0) AS recent
        FROM daily_counts WHERE consultation = @consultation GROUP BY ${column} HAVING total > 0`) as Statement<ByConsultationAndDay, CountWithRecent>;
    // What came after a digest is a range of ids: `+consultation` keeps SQLite from reading all of
    // the consultation's entries in an index instead, which grows with the consultation, not the news.
    const newSince = (column: string) =>
      db.prepare(`
        SELECT ${column} AS key, count(*) AS recent FROM submissions
        WHERE id > @afterId AND +consultation = @consultation GROUP BY ${column}`) as Statement<ByConsultationAndId, { key: string; recent: number }>;
    this.totals = db.prepare(`
      SELECT coalesce(sum(submissions), 0) AS total, coalesce(sum(submissions) FILTER (WHERE received_day >= @sinceDay), 0) AS recent
      FROM daily_counts WHERE consultation = @consultation`);
    this.byType = grouped('respondent_type');
    this.byChannel = grouped('channel');
    this.byStatus = grouped('status');
    this.byPaper = db.prepare(`
      SELECT paper AS key, sum(submissions) AS total, coalesce(sum(submissions) FILTER (WHERE received_day >= @sinceDay), 0) AS recent
      FROM paper_counts WHERE consultation = @consultation GROUP BY paper HAVING total > 0`);
    this.newByType = newSince('respondent_type');
    this.newByChannel = newSince('channel');
    this.newByStatus = newSince('status');
    this.newByPaper = db.prepare(`
      SELECT an.paper AS key, count(DISTINCT an.submission_id) AS recent FROM answers an JOIN submissions s ON s.id = an.submission_id
      WHERE an.submission_id > @afterId AND +s.consultation = @consultation GROUP BY an.paper`);
    this.coverage = db.prepare(`
      SELECT constituency, total(submissions) FILTER (WHERE respondent_type = 'clp') AS clpResponses,
        total(submissions) FILTER (WHERE respondent_type <> 'clp') AS otherResponses
      FROM constituency_counts WHERE consultation = ? GROUP BY constituency HAVING sum(submissions) > 0`);
    this.perDay = db.prepare(`
      SELECT received_day AS date, sum(submissions) AS count FROM daily_counts
      WHERE consultation = ? GROUP BY received_day HAVING count > 0 ORDER BY received_day`);
  }

  summary(consultation: string, since: Since): Statistics {
    if ('day' in since) {
      const params = { consultation, sinceDay: since.day };
      return this.assemble(consultation, params, {
        byType: this.byType.all(params),
        byChannel: this.byChannel.all(params),
        byStatus: this.byStatus.all(params),
        byPaper: this.byPaper.all(params),
      });
    }
    // Before the first digest everything is new: the totals say how much, without a scan.
    if (since.afterSubmissionId === 0) return this.summary(consultation, { day: '0000-01-01' });
    // Totals to the end of time, and what is new by id: a range of the table's own key.
    const params = { consultation, sinceDay: '9999-12-31' };
    const newParams = { consultation, afterId: since.afterSubmissionId };
    const withNew = (totals: CountWithRecent[], recent: { key: string; recent: number }[]) => {
      const recentByKey = new Map(recent.map((row) => [row.key, row.recent]));
      return totals.map((row) => ({ ...row, recent: recentByKey.get(row.key) ?? 0 }));
    };
    const newByType = this.newByType.all(newParams);
    const summary = this.assemble(consultation, params, {
      byType: withNew(this.byType.all(params), newByType),
      byChannel: withNew(this.byChannel.all(params), this.newByChannel.all(newParams)),
      byStatus: withNew(this.byStatus.all(params), this.newByStatus.all(newParams)),
      byPaper: withNew(this.byPaper.all(params), this.newByPaper.all(newParams)),
    });
    return { ...summary, totals: { total: summary.totals.total, recent: newByType.reduce((sum, row) => sum + row.recent, 0) } };
  }

  private assemble(
    consultation: string,
    params: ByConsultationAndDay[0],
    groups: Record<'byType' | 'byChannel' | 'byStatus' | 'byPaper', CountWithRecent[]>,
  ): Statistics {
    return {
      totals: this.totals.get(params)!,
      ...groups,
      coverage: this.coverage.all(consultation),
      perDay: this.perDay.all(consultation),
    };
  }
}
