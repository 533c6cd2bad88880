/**
 * Draws submissions per day, or per week over a long range, as an inline SVG bar chart, rendered
 * on the server so the officer's dashboard needs no script. The same periods go in an HTML table
 * under the chart (see chartSeries).
 */
import { DAYS_IN, dayNumber, isoDate, MILLISECONDS_PER_DAY, type ChartSeries, type ChartUnit } from './chartSeries';

export interface DailyChartText {
  title: string;
  description: string;
  deadlineLabel: string;
  todayLabel?: string;
}

export interface DailyChartOptions {
  series: ChartSeries;
  deadline: string;
  today?: string;
  text: DailyChartText;
  idPrefix: string;
  /**
   * Turns a YYYY-MM-DD into an x-axis label; defaults to English, e.g. "1 Mar", or "1 Mar 2021"
   * when the chart runs into another year.
   */
  formatTick?: (date: string, withYear: boolean) => string;
}

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
// Steps between labelled bars, finest first; the first that gives few enough labels is used.
const TICK_STEPS: Record<ChartUnit, readonly number[]> = { day: [1, 2, 7, 14], week: [1, 2, 4, 8, 13, 26, 52] };

// All have at least 3:1 contrast against white.
const TEXT_COLOUR = '#0b0c0c';
const BAR_COLOUR = '#1d4f91';
const DEADLINE_COLOUR = '#b0002e';
const TODAY_COLOUR = '#505a5f';
const GRIDLINE_COLOUR = '#767676';

export function renderDailyChart(options: DailyChartOptions): string {
  const { text, idPrefix, series } = options;
  const formatTick = options.formatTick ?? formatEnglishTick;
  const { periods } = series;
  if (periods.length === 0) throw new RangeError('A chart needs at least one period');
  const daysPerPeriod = DAYS_IN[series.unit];
  const firstDay = dayNumber(periods[0]!.start);
  const dayCount = periods.length * daysPerPeriod;
  const scale = valueScale(periods.reduce((largest, { count }) => Math.max(largest, count), 0));

  const slotWidth = (PLOT_RIGHT - PLOT_LEFT) / periods.length;
  const barWidth = Math.min(slotWidth * 0.8, MAX_BAR_WIDTH);
  const slotCentre = (index: number): number => PLOT_LEFT + (index + 0.5) * slotWidth;
  const yOf = (value: number): number => PLOT_BOTTOM - (Math.max(0, value) / scale.max) * (PLOT_BOTTOM - PLOT_TOP);

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

  const bars = periods.map(({ start, count }, index) =>
    tag('rect', {
      class: 'chart__bar',
      'data-date': start,
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

  const lastDay = firstDay + dayCount - 1;
  const withYear = isoDate(firstDay).slice(0, 4) !== isoDate(lastDay).slice(0, 4);
  const dateTicks = dateTickIndexes(series.unit, periods.length).map((index) =>
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
        escapeXml(formatTick(periods[index]!.start, withYear)),
      ),
    ].join(''),
  );

  const markerAt = (date: string, marker: Marker): string => {
    const dayIndex = dayNumber(date) - firstDay;
    // A day outside the chart has no x to draw at.
    if (dayIndex < 0 || dayIndex >= dayCount) return '';
    // The middle of the day: of its bar when a bar is a day, its place in the week when a bar is a week.
    const x = PLOT_LEFT + ((dayIndex + 0.5) / daysPerPeriod) * slotWidth;
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

function dateTickIndexes(unit: ChartUnit, periodCount: number): number[] {
  const step =
    TICK_STEPS[unit].find((candidate) => Math.ceil(periodCount / candidate) <= MAX_DATE_TICKS) ??
    Math.ceil(periodCount / MAX_DATE_TICKS);
  return Array.from({ length: Math.ceil(periodCount / step) }, (_, tick) => tick * step);
}

function formatEnglishTick(date: string, withYear: boolean): string {
  const day = new Date(dayNumber(date) * MILLISECONDS_PER_DAY);
  const dayAndMonth = `${day.getUTCDate()} ${ENGLISH_MONTHS[day.getUTCMonth()]}`;
  return withYear ? `${dayAndMonth} ${day.getUTCFullYear()}` : dayAndMonth;
}

function tag(name: string, attributes: Record<string, string | number>, content?: string): string {
  const attributeText = Object.entries(attributes)
    .map(([attribute, value]) => ` ${attribute}="${escapeXml(formatValue(value))}"`)
    .join('');
  return content === undefined ? `<${name}${attributeText}/>` : `<${name}${attributeText}>${content}</${name}>`;
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
