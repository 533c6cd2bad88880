/**
 * The periods a chart of submissions shows: a bar a day, or a week over a long range, with no gaps.
 * dailyChart.ts draws them; the dashboard's table lists the same periods.
 */

export interface DailyCount {
  date: string; // YYYY-MM-DD, a London calendar day
  count: number;
}

/** What one bar stands for. */
export type ChartUnit = 'day' | 'week';

export interface ChartPeriod {
  /** Its first day, YYYY-MM-DD: a Monday for a week. */
  readonly start: string;
  readonly count: number;
}

/** The bars of a chart, in order, with no gaps. */
export interface ChartSeries {
  readonly unit: ChartUnit;
  readonly periods: readonly ChartPeriod[];
}

export const MILLISECONDS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A range longer than this is drawn a week a bar: a day a bar over years was thousands of hairlines. */
const LONGEST_RANGE_BY_DAY = 60;
export const DAYS_IN = { day: 1, week: 7 } as const satisfies Record<ChartUnit, number>;

/** Every calendar day from `from` to `to`, with 0 for days that have no count. */
export function fillDays(days: readonly DailyCount[], from: string, to: string): DailyCount[] {
  const firstDay = dayNumber(from);
  const lastDay = dayNumber(to);
  if (lastDay < firstDay) {
    throw new RangeError(`The chart cannot end (${to}) before it starts (${from})`);
  }
  const countByDay = new Map<number, number>();
  for (const { date, count } of days) {
    const day = dayNumber(date);
    countByDay.set(day, (countByDay.get(day) ?? 0) + count);
  }
  const filledDays: DailyCount[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    filledDays.push({ date: isoDate(day), count: countByDay.get(day) ?? 0 });
  }
  return filledDays;
}

/**
 * The bars for `from` to `to`: a day each, or, over a range longer than LONGEST_RANGE_BY_DAY, a
 * week each, Monday to Sunday, from the week `from` is in to the week `to` is in.
 */
export function chartSeries(days: readonly DailyCount[], from: string, to: string): ChartSeries {
  const rangeDays = dayNumber(to) - dayNumber(from) + 1;
  if (rangeDays <= LONGEST_RANGE_BY_DAY) {
    return { unit: 'day', periods: fillDays(days, from, to).map(({ date, count }) => ({ start: date, count })) };
  }
  const firstMonday = mondayOf(dayNumber(from));
  const filledDays = fillDays(days, isoDate(firstMonday), isoDate(mondayOf(dayNumber(to)) + 6));
  const periods: ChartPeriod[] = [];
  for (let index = 0; index < filledDays.length; index += DAYS_IN.week) {
    const week = filledDays.slice(index, index + DAYS_IN.week);
    periods.push({ start: week[0]!.date, count: week.reduce((sum, { count }) => sum + count, 0) });
  }
  return { unit: 'week', periods };
}

/** The Monday of the week a day is in (1 January 1970, day 0, was a Thursday). */
function mondayOf(day: number): number {
  return day - ((day + 3) % 7);
}

/** Days since 1970-01-01, counted at UTC midnight so that a clock change never moves a day. */
export function dayNumber(date: string): number {
  const match = ISO_DAY.exec(date);
  if (match === null) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  const [, year, month, day] = match;
  const days = Date.UTC(Number(year), Number(month) - 1, Number(day)) / MILLISECONDS_PER_DAY;
  // Date.UTC rolls 2020-02-30 over to 1 March rather than failing.
  if (isoDate(days) !== date) throw new RangeError(`There is no date ${date}`);
  return days;
}

export function isoDate(day: number): string {
  return new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}
