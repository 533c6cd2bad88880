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

type ByConsultationAndTime = [{ consultation: string; since: string }];

/** Counts for the officer's dashboard. */
export class StatisticsRepository {
  private readonly totals: Statement<ByConsultationAndTime, { total: number; recent: number }>;
  private readonly byType: Statement<ByConsultationAndTime, CountWithRecent>;
  private readonly byChannel: Statement<ByConsultationAndTime, CountWithRecent>;
  private readonly byStatus: Statement<ByConsultationAndTime, CountWithRecent>;
  private readonly byPaper: Statement<ByConsultationAndTime, CountWithRecent>;
  private readonly coverage: Statement<[string], ConstituencyCoverage>;
  private readonly perDay: Statement<[string], { date: string; count: number }>;

  constructor(db: Db) {
    const grouped = (column: string) =>
      db.prepare(`
        SELECT ${column} AS key, count(*) AS total, coalesce(sum(received_at >= @since), 0) AS recent
        FROM submissions WHERE consultation = @consultation GROUP BY ${column}`) as Statement<ByConsultationAndTime, CountWithRecent>;
    this.totals = db.prepare(`
      SELECT count(*) AS total, coalesce(sum(received_at >= @since), 0) AS recent
      FROM submissions WHERE consultation = @consultation`);
    this.byType = grouped('respondent_type');
    this.byChannel = grouped('channel');
    this.byStatus = grouped('status');
    this.byPaper = db.prepare(`
      SELECT an.paper AS key, count(DISTINCT s.id) AS total, count(DISTINCT CASE WHEN s.received_at >= @since THEN s.id END) AS recent
      FROM answers an JOIN submissions s ON s.id = an.submission_id
      WHERE s.consultation = @consultation GROUP BY an.paper`);
    this.coverage = db.prepare(`
      SELECT constituency, sum(respondent_type = 'clp') AS clpResponses, sum(respondent_type <> 'clp') AS otherResponses
      FROM submissions WHERE consultation = ? GROUP BY constituency`);
    this.perDay = db.prepare(`
      SELECT received_day AS date, count(*) AS count FROM submissions
      WHERE consultation = ? GROUP BY received_day ORDER BY received_day`);
  }

  summary(consultation: string, since: Date) {
    const params = { consultation, since: since.toISOString() };
    return {
      totals: this.totals.get(params)!,
      byType: this.byType.all(params),
      byChannel: this.byChannel.all(params),
      byStatus: this.byStatus.all(params),
      byPaper: this.byPaper.all(params),
      coverage: this.coverage.all(consultation),
      perDay: this.perDay.all(consultation),
    };
  }
}
