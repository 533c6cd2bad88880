import { DateTime } from 'luxon';
import { LONDON } from '../../config';
import type { Consultation } from '../../consultation/consultation';
import type { CountWithRecent, StatisticsRepository } from '../../submissions/statisticsRepository';
import type { Clock } from '../../platform/time/clock';
import type { ReviewRepository, TagCount } from '../../submissions/reviewRepository';
import type { OutboxRepository, UndeliverableReceipt } from '../../mail/outboxRepository';
import { chartSeries, type ChartSeries } from './chartSeries';

/** What has been heard from a constituency, in the order the dashboard lists them: the chasing list first. */
export const coverageLevels = ['none', 'other', 'clp'] as const;
export type CoverageLevel = (typeof coverageLevels)[number];

export interface Dashboard {
  readonly total: number;
  readonly thisWeek: number;
  readonly weekStartedOn: string;
  readonly byPaper: CountWithRecent[];
  readonly byType: CountWithRecent[];
  readonly byChannel: CountWithRecent[];
  readonly byStatus: CountWithRecent[];
  /** Constituencies by what has been heard from them: the officer's chasing list. */
  readonly coverage: Record<CoverageLevel, { slug: string; name: string; responses: number }[]>;
  /** Responses per day, or per week over a long range, from chartFrom to chartTo. */
  readonly chart: ChartSeries;
  readonly chartFrom: string;
  readonly chartTo: string;
  readonly deadlineDay: string;
  readonly today: string;
}

export interface DashboardDependencies {
  readonly consultation: Consultation;
  readonly statistics: StatisticsRepository;
  readonly reviews: ReviewRepository;
  readonly outbox: OutboxRepository;
  readonly window: () => { opensAt: Date; closesAt: Date };
  readonly clock: Clock;
}

/** What the Policy Officer sees first: totals, coverage of Wales, and responses per day. */
export class DashboardService {
  constructor(private readonly deps: DashboardDependencies) {}

  summary(): Dashboard {
    const now = DateTime.fromJSDate(this.deps.clock.now(), { zone: LONDON });
    const weekStart = now.startOf('week');
    const stats = this.deps.statistics.summary(this.deps.consultation.slug, { day: weekStart.toISODate()! });

    const responsesByConstituency = new Map(stats.coverage.map((row) => [row.constituency, row]));
    const coverage: Dashboard['coverage'] = { clp: [], other: [], none: [] };
    for (const { slug, name } of this.deps.consultation.constituencies) {
      const heard = responsesByConstituency.get(slug);
      const level: CoverageLevel =
        heard && heard.clpResponses > 0 ? 'clp' : heard && heard.otherResponses > 0 ? 'other' : 'none';
      coverage[level].push({ slug, name, responses: heard ? heard.clpResponses + heard.otherResponses : 0 });
    }

    const { opensAt, closesAt } = this.deps.window();
    const deadline = DateTime.fromJSDate(closesAt, { zone: LONDON });
    const deadlineDay = deadline.toISODate()!;
    const opensDay = DateTime.fromJSDate(opensAt, { zone: LONDON }).toISODate()!;
    const days = stats.perDay.map((day) => day.date);
    // From the first response, or four weeks before the deadline if that is sooner, but never
    // before opening: a preview's deadline may be years after the real opening day.
    const earliest = [days[0] ?? deadlineDay, deadline.minus({ days: 27 }).toISODate()!].sort()[0]!;
    const chartTo = [deadlineDay, ...days].sort().at(-1)!;
    const chartFrom = [[opensDay, earliest].sort().at(-1)!, chartTo].sort()[0]!;
    return {
      total: stats.totals.total,
      thisWeek: stats.totals.recent,
      weekStartedOn: weekStart.toISODate()!,
      byPaper: stats.byPaper,
      byType: stats.byType,
      byChannel: stats.byChannel,
      byStatus: stats.byStatus,
      coverage,
      chart: chartSeries(stats.perDay, chartFrom, chartTo),
      chartFrom,
      chartTo,
      deadlineDay,
      today: now.toISODate()!,
    };
  }

  /** The tags officers have given, each with how many responses carry it. */
  tagCounts(): TagCount[] {
    return this.deps.reviews.tagCounts(this.deps.consultation.slug);
  }

  /** Receipts the mail server would not take, for the officer to follow up. */
  undeliverableReceipts(): UndeliverableReceipt[] {
    return this.deps.outbox.undeliverableReceipts();
  }
}
