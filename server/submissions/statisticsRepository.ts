import type { Statement } from 'better-sqlite3';
import type { Db } from '../platform/db/database';

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

/** A day's responses of one type, channel and status: day, type, channel, status, how many. */
type DailyCountValues = [day: string, respondentType: string, channel: string, status: string, submissions: number];

type DailyStatistics = Pick<Statistics, 'totals' | 'byType' | 'byChannel' | 'byStatus' | 'perDay'>;

/** Totals and recent counts by key, listed in key order without the keys that add up to none. */
class KeyedCounts {
  private readonly counts = new Map<string, { total: number; recent: number }>();

  add(key: string, total: number, recent: number): void {
    const counted = this.counts.get(key);
    if (counted) {
      counted.total += total;
      counted.recent += recent;
    } else {
      this.counts.set(key, { total, recent });
    }
  }

  nonZero(): CountWithRecent[] {
    return [...this.counts]
      .filter(([, { total }]) => total > 0)
      .sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0))
      .map(([key, { total, recent }]) => ({ key, total, recent }));
  }
}

/** What has arrived since a moment: a London day for the dashboard's week, or the last submission a digest reported. */
export type Since = { readonly day: string } | { readonly afterSubmissionId: number };

/**
 * Counts for the officer's dashboard and the digests. Totals come from the running counts that
 * triggers keep (migration 0004), so they cost the same at a million responses as at ten.
 */
export class StatisticsRepository {
  private readonly dailyCounts: Statement<[string], DailyCountValues>;
  private readonly byPaper: Statement<ByConsultationAndDay, CountWithRecent>;
  private readonly newByType: Statement<ByConsultationAndId, { key: string; recent: number }>;
  private readonly newByChannel: Statement<ByConsultationAndId, { key: string; recent: number }>;
  private readonly newByStatus: Statement<ByConsultationAndId, { key: string; recent: number }>;
  private readonly newByPaper: Statement<ByConsultationAndId, { key: string; recent: number }>;
  private readonly coverage: Statement<[string], ConstituencyCoverage>;

  constructor(db: Db) {
    // Grouped in the order of the table's key, so SQLite adds up as it reads, with no sort; the
    // totals by type, channel, status and day are then made from these few thousand rows in one pass.
    this.dailyCounts = db
      .prepare(
        `
        SELECT received_day, respondent_type, channel, status, sum(submissions) FROM daily_counts
        WHERE consultation = ? GROUP BY received_day, respondent_type, channel, status`,
      )
      .raw() as Statement<[string], DailyCountValues>;
    // What came after a digest is a range of ids: `+consultation` keeps SQLite from reading all of
    // the consultation's entries in an index instead, which grows with the consultation, not the news.
    const newSince = (column: string) =>
      db.prepare(`
        SELECT ${column} AS key, count(*) AS recent FROM submissions
        WHERE id > @afterId AND +consultation = @consultation GROUP BY ${column}`) as Statement<
        ByConsultationAndId,
        { key: string; recent: number }
      >;
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
  }

  summary(consultation: string, since: Since): Statistics {
    if ('day' in since)
      return this.assemble(consultation, since.day, (daily) => ({
        ...daily,
        byPaper: this.byPaper.all({ consultation, sinceDay: since.day }),
      }));
    // Before the first digest everything is new: the totals say how much, without a scan.
    if (since.afterSubmissionId === 0) return this.summary(consultation, { day: '0000-01-01' });
    // Totals to the end of time, and what is new by id: a range of the table's own key.
    const endOfTime = '9999-12-31';
    const newParams = { consultation, afterId: since.afterSubmissionId };
    const withNew = (totals: CountWithRecent[], recent: { key: string; recent: number }[]) => {
      const recentByKey = new Map(recent.map((row) => [row.key, row.recent]));
      return totals.map((row) => ({ ...row, recent: recentByKey.get(row.key) ?? 0 }));
    };
    const newByType = this.newByType.all(newParams);
    return this.assemble(consultation, endOfTime, (daily) => ({
      totals: { total: daily.totals.total, recent: newByType.reduce((sum, row) => sum + row.recent, 0) },
      perDay: daily.perDay,
      byType: withNew(daily.byType, newByType),
      byChannel: withNew(daily.byChannel, this.newByChannel.all(newParams)),
      byStatus: withNew(daily.byStatus, this.newByStatus.all(newParams)),
      byPaper: withNew(this.byPaper.all({ consultation, sinceDay: endOfTime }), this.newByPaper.all(newParams)),
    }));
  }

  /** The statistics from the daily counts (since `sinceDay` for what is recent), completed by `complete`. */
  private assemble(
    consultation: string,
    sinceDay: string,
    complete: (daily: DailyStatistics) => Omit<Statistics, 'coverage'>,
  ): Statistics {
    return { ...complete(this.dailyStatistics(consultation, sinceDay)), coverage: this.coverage.all(consultation) };
  }

  private dailyStatistics(consultation: string, sinceDay: string): DailyStatistics {
    const totals = { total: 0, recent: 0 };
    const [byType, byChannel, byStatus] = [new KeyedCounts(), new KeyedCounts(), new KeyedCounts()];
    const perDay: { date: string; count: number }[] = [];
    for (const [day, type, channel, status, submissions] of this.dailyCounts.all(consultation)) {
      const recent = day >= sinceDay ? submissions : 0;
      totals.total += submissions;
      totals.recent += recent;
      byType.add(type, submissions, recent);
      byChannel.add(channel, submissions, recent);
      byStatus.add(status, submissions, recent);
      const last = perDay.at(-1);
      if (last?.date === day) last.count += submissions;
      else perDay.push({ date: day, count: submissions });
    }
    return {
      totals,
      byType: byType.nonZero(),
      byChannel: byChannel.nonZero(),
      byStatus: byStatus.nonZero(),
      perDay: perDay.filter((entry) => entry.count > 0),
    };
  }
}
