/**
 * Draws submissions per day as an inline SVG bar chart, rendered on the server so the officer's
 * dashboard needs no script. The same numbers go in an HTML table under the chart (see fillDays).
 */

export interface DailyCount {
  date: string; // YYYY-MM-DD, a London calendar day
  count: number;
}

export interface DailyChartText {
  title: string;
  description: string;
  deadlineLabel: string;
  todayLabel?: string;
}

export interface DailyChartOptions {
  days: readonly DailyCount[];
  from: string;
  to: string;
  deadline: string;
  today?: string;
  text: DailyChartText;
  idPrefix: string;
  /** Turns a YYYY-MM-DD into an x-axis label; defaults to English, e.g. "1 Mar". */
  formatTick?: (date: string) => string;
}

const MILLISECONDS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const CHART_WIDTH = 720;
const CHART_HEIGHT = 260;
const PLOT_LEFT = 48;
const PLOT_RIGHT = CHART_WIDTH - 24;
// Two rows above the plot: the deadline label, then the today label, so they never overlap.
const PLOT_TOP = 40;
const PLOT_BOTTOM = CHART_HEIGHT - 32;
const DEADLINE_LABEL_BASELINE = 16;
const TODAY_LABEL_BASELINE = 32;
const MAX_BAR_WIDTH = 32;
const MAX_GRID_INTERVALS = 4;
const MAX_DATE_TICKS = 8;

// All have at least 3:1 contrast against white.
const TEXT_COLOUR = '#0b0c0c';
const BAR_COLOUR = '#1d4f91';
const DEADLINE_COLOUR = '#b0002e';
const TODAY_COLOUR = '#505a5f';
const GRIDLINE_COLOUR = '#767676';

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

export function renderDailyChart(options: DailyChartOptions): string {
  const { text, idPrefix } = options;
  const formatTick = options.formatTick ?? formatEnglishTick;
  const filledDays = fillDays(options.days, options.from, options.to);
  const firstDay = dayNumber(options.from);
  const scale = valueScale(filledDays.reduce((largest, { count }) => Math.max(largest, count), 0));

  const slotWidth = (PLOT_RIGHT - PLOT_LEFT) / filledDays.length;
  const barWidth = Math.min(slotWidth * 0.8, MAX_BAR_WIDTH);
  const slotCentre = (index: number): number => PLOT_LEFT + (index + 0.5) * slotWidth;
  const yOf = (value: number): number =>
    PLOT_BOTTOM - (Math.max(0, value) / scale.max) * (PLOT_BOTTOM - PLOT_TOP);

  const gridlines = scale.gridValues.map((value) =>
    [
      tag('line', {
        class: 'chart__gridline',
        x1: PLOT_LEFT,
        x2: PLOT_RIGHT,
        y1: yOf(value),
        y2: yOf(value),
        stroke: GRIDLINE_COLOUR,
        'stroke-dasharray': '2 4',
      }),
      tag(
        'text',
        { class: 'chart__value-label', x: PLOT_LEFT - 8, y: yOf(value) + 4, 'text-anchor': 'end' },
        escapeXml(String(value)),
      ),
    ].join(''),
  );

  const bars = filledDays.map(({ date, count }, index) =>
    tag('rect', {
      class: 'chart__bar',
      'data-date': date,
      'data-count': count,
      x: slotCentre(index) - barWidth / 2,
      y: yOf(count),
      width: barWidth,
      height: PLOT_BOTTOM - yOf(count),
      fill: BAR_COLOUR,
    }),
  );

  const xAxis = tag('line', {
    class: 'chart__axis',
    x1: PLOT_LEFT,
    x2: PLOT_RIGHT,
    y1: PLOT_BOTTOM,
    y2: PLOT_BOTTOM,
    stroke: TEXT_COLOUR,
  });

  const dateTicks = dateTickIndexes(firstDay, filledDays.length).map((index) =>
    [
      tag('line', {
        class: 'chart__tick',
        x1: slotCentre(index),
        x2: slotCentre(index),
        y1: PLOT_BOTTOM,
        y2: PLOT_BOTTOM + 5,
        stroke: TEXT_COLOUR,
      }),
      tag(
        'text',
        { class: 'chart__date-label', x: slotCentre(index), y: PLOT_BOTTOM + 18, 'text-anchor': 'middle' },
        escapeXml(formatTick(isoDate(firstDay + index))),
      ),
    ].join(''),
  );

  const markerAt = (date: string, marker: Marker): string => {
    const index = dayNumber(date) - firstDay;
    // A day outside the chart has no x to draw at.
    if (index < 0 || index >= filledDays.length) return '';
    const x = slotCentre(index);
    // The label hangs to the side with more room, clear of the other marker's line.
    const labelOnLeft = x > (PLOT_LEFT + PLOT_RIGHT) / 2;
    const label =
      marker.label === ''
        ? ''
        : tag(
            'text',
            {
              class: `${marker.className}-label`,
              x: labelOnLeft ? x - 4 : x + 4,
              y: marker.labelBaseline,
              'text-anchor': labelOnLeft ? 'end' : 'start',
              fill: marker.colour,
            },
            escapeXml(marker.label),
          );
    return (
      tag('line', {
        class: marker.className,
        x1: x,
        x2: x,
        y1: marker.labelBaseline + 4,
        y2: PLOT_BOTTOM,
        stroke: marker.colour,
        'stroke-width': 2,
        ...(marker.dashed ? { 'stroke-dasharray': '4 3' } : {}),
      }) + label
    );
  };

  const todayMarker =
    options.today === undefined
      ? ''
      : markerAt(options.today, {
          className: 'chart__today',
          label: text.todayLabel ?? '',
          labelBaseline: TODAY_LABEL_BASELINE,
          colour: TODAY_COLOUR,
          dashed: true,
        });
  const deadlineMarker = markerAt(options.deadline, {
    className: 'chart__deadline',
    label: text.deadlineLabel,
    labelBaseline: DEADLINE_LABEL_BASELINE,
    colour: DEADLINE_COLOUR,
    dashed: false,
  });

  const titleId = `${idPrefix}-title`;
  const descriptionId = `${idPrefix}-desc`;
  return tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'chart',
      viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`,
      width: '100%',
      role: 'img',
      'aria-labelledby': `${titleId} ${descriptionId}`,
    },
    [
      tag('title', { id: titleId }, escapeXml(text.title)),
      tag('desc', { id: descriptionId }, escapeXml(text.description)),
      tag(
        'g',
        { 'font-size': 12, fill: TEXT_COLOUR },
        [...gridlines, ...bars, xAxis, ...dateTicks, todayMarker, deadlineMarker].join('\n'),
      ),
    ].join('\n'),
  );
}

interface Marker {
  className: string;
  label: string;
  labelBaseline: number;
  colour: string;
  dashed: boolean;
}

interface ValueScale {
  max: number;
  gridValues: number[];
}

/**
 * The smallest round maximum ≥ the largest count that splits into 2–4 equal whole-number steps
 * (3–5 gridlines). Up to 1 there is no such split, so the scale is 0 and 1 alone.
 */
function valueScale(largestCount: number): ValueScale {
  if (largestCount <= 1) return { max: 1, gridValues: [0, 1] };
  let best: { max: number; step: number } | undefined;
  for (let magnitude = 1; magnitude < largestCount; magnitude *= 10) {
    for (const multiplier of [1, 2, 2.5, 5]) {
      const step = magnitude * multiplier;
      if (!Number.isInteger(step) || step >= largestCount) continue;
      const intervals = Math.ceil(largestCount / step);
      // Steps rise, so on a tie the finer grid found first is kept.
      if (intervals <= MAX_GRID_INTERVALS && (best === undefined || intervals * step < best.max)) {
        best = { max: intervals * step, step };
      }
    }
  }
  // Unreachable: some step up to 2.5 times smaller than the largest count always fits.
  if (best === undefined) throw new Error(`No round scale found for ${largestCount}`);
  const gridValues: number[] = [];
  for (let value = 0; value <= best.max; value += best.step) gridValues.push(value);
  return { max: best.max, gridValues };
}

type TickRule = (day: number, index: number) => boolean;

const everyNDays = (days: number): TickRule => (_day, index) => index % days === 0;
const firstOfEveryNMonths =
  (months: number): TickRule =>
  (day) => {
    const date = new Date(day * MILLISECONDS_PER_DAY);
    return date.getUTCDate() === 1 && date.getUTCMonth() % months === 0;
  };

// From finest to coarsest; the first that gives few enough labels to fit is used.
const TICK_RULES: readonly TickRule[] = [
  everyNDays(1),
  everyNDays(2),
  everyNDays(7),
  everyNDays(14),
  firstOfEveryNMonths(1),
  firstOfEveryNMonths(2),
  firstOfEveryNMonths(3),
  firstOfEveryNMonths(6),
  firstOfEveryNMonths(12),
];

function dateTickIndexes(firstDay: number, dayCount: number): number[] {
  const indexes = Array.from({ length: dayCount }, (_, index) => index);
  let tickIndexes: number[] = [];
  for (const isTick of TICK_RULES) {
    tickIndexes = indexes.filter((index) => isTick(firstDay + index, index));
    if (tickIndexes.length <= MAX_DATE_TICKS) break;
  }
  return tickIndexes;
}

function formatEnglishTick(date: string): string {
  const day = new Date(dayNumber(date) * MILLISECONDS_PER_DAY);
  return `${day.getUTCDate()} ${ENGLISH_MONTHS[day.getUTCMonth()]}`;
}

/** Days since 1970-01-01, counted at UTC midnight so that a clock change never moves a day. */
function dayNumber(date: string): number {
  const match = ISO_DAY.exec(date);
  if (match === null) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
  const [, year, month, day] = match;
  const days = Date.UTC(Number(year), Number(month) - 1, Number(day)) / MILLISECONDS_PER_DAY;
  // Date.UTC rolls 2020-02-30 over to 1 March rather than failing.
  if (isoDate(days) !== date) throw new RangeError(`There is no date ${date}`);
  return days;
}

function isoDate(day: number): string {
  return new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

function tag(name: string, attributes: Record<string, string | number>, content?: string): string {
  const attributeText = Object.entries(attributes)
    .map(([attribute, value]) => ` ${attribute}="${escapeXml(formatValue(value))}"`)
    .join('');
  return content === undefined
    ? `<${name}${attributeText}/>`
    : `<${name}${attributeText}>${content}</${name}>`;
}

function formatValue(value: string | number): string {
  return typeof value === 'number' ? String(Math.round(value * 100) / 100) : value;
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
