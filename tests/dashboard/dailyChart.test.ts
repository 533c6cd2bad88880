import { chartSeries, fillDays, type DailyCount } from '../../server/features/dashboard/chartSeries';
import { renderDailyChart, type DailyChartOptions } from '../../server/features/dashboard/dailyChart';

const text = {
  title: 'Responses per day',
  description: 'From 1 February to 15 June 2020. Most in one day: 41, on 12 May.',
  deadlineLabel: 'Deadline 15 June',
  todayLabel: 'Today',
};

interface ChartRange {
  days: readonly DailyCount[];
  from: string;
  to: string;
}

/** Six weeks of the real consultation's spring, drawn a day a bar. */
const sixWeeks: ChartRange = {
  days: [
    { date: '2020-05-04', count: 4 },
    { date: '2020-05-12', count: 41 },
    { date: '2020-05-13', count: 17 },
  ],
  from: '2020-05-04',
  to: '2020-06-15',
};

function chartOptions(overrides: Partial<ChartRange & Omit<DailyChartOptions, 'series'>> = {}): DailyChartOptions {
  const { days, from, to, ...options } = { ...sixWeeks, ...overrides };
  return {
    series: chartSeries(days, from, to),
    deadline: '2020-06-15',
    today: '2020-05-23',
    text,
    idPrefix: 'responses-chart',
    ...options,
  };
}

/** The attributes of every element with this name and class, in document order. */
function elements(svg: string, name: string, className: string): Record<string, string>[] {
  const openingTags = svg.match(new RegExp(`<${name}\\b[^>]*\\bclass="${className}"[^>]*>`, 'g')) ?? [];
  return openingTags.map((openingTag) =>
    Object.fromEntries([...openingTag.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, value!])),
  );
}

function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<text[^>]*class="${className}"[^>]*>([^<]*)</text>`, 'g'))].map(
    ([, content]) => content!,
  );
}

function contrastAgainstWhite(hexColour: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hexColour.slice(start, start + 2), 16) / 255);
  const [red, green, blue] = channels.map((channel) =>
    channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4,
  );
  const luminance = 0.2126 * red! + 0.7152 * green! + 0.0722 * blue!;
  return 1.05 / (luminance + 0.05);
}

describe('fillDays', () => {
  test('fills gaps with zeros, one entry per calendar day across the change to BST', () => {
    const days = fillDays(
      [
        { date: '2020-03-27', count: 3 },
        { date: '2020-03-31', count: 5 },
        { date: '2020-04-09', count: 9 },
      ],
      '2020-03-27',
      '2020-04-02',
    );
    expect(days).toEqual([
      { date: '2020-03-27', count: 3 },
      { date: '2020-03-28', count: 0 },
      { date: '2020-03-29', count: 0 },
      { date: '2020-03-30', count: 0 },
      { date: '2020-03-31', count: 5 },
      { date: '2020-04-01', count: 0 },
      { date: '2020-04-02', count: 0 },
    ]);
  });

  test('keeps every day across the change back to GMT', () => {
    const days = fillDays([], '2020-10-24', '2020-10-27');
    expect(days.map(({ date }) => date)).toEqual(['2020-10-24', '2020-10-25', '2020-10-26', '2020-10-27']);
  });

  test('adds up counts given twice for the same day', () => {
    expect(
      fillDays(
        [
          { date: '2020-05-12', count: 2 },
          { date: '2020-05-12', count: 3 },
        ],
        '2020-05-12',
        '2020-05-12',
      ),
    ).toEqual([{ date: '2020-05-12', count: 5 }]);
  });

  test.each(['2020-02-30', '2020-5-1', '12/05/2020', ''])('refuses the date "%s"', (date) => {
    expect(() => fillDays([], date, '2020-06-15')).toThrow(RangeError);
  });

  test('refuses a range that ends before it starts', () => {
    expect(() => fillDays([], '2020-06-15', '2020-06-14')).toThrow(RangeError);
  });
});

describe('chartSeries', () => {
  test('draws a range of up to 60 days a day a bar', () => {
    const series = chartSeries([{ date: '2020-05-12', count: 41 }], '2020-04-17', '2020-06-15');
    expect(series.unit).toBe('day');
    expect(series.periods).toHaveLength(60);
    expect(series.periods.find((period) => period.start === '2020-05-12')).toEqual({ start: '2020-05-12', count: 41 });
  });

  test('draws a longer range a week a bar, Monday to Sunday, adding up each week across the clock changes', () => {
    const days = [
      { date: '2020-03-25', count: 1 }, // the week before the change to BST, which was on Sunday 29 March
      { date: '2020-03-29', count: 2 },
      { date: '2020-03-30', count: 4 },
      { date: '2020-10-25', count: 8 }, // back to GMT, a Sunday
      { date: '2020-10-26', count: 16 },
    ];
    const series = chartSeries(days, '2020-03-26', '2020-10-28');
    expect(series.unit).toBe('week');
    // From Monday 23 March, the week 26 March is in, to Sunday 1 November, the week 28 October is in.
    expect(series.periods[0]).toEqual({ start: '2020-03-23', count: 3 });
    expect(series.periods[1]).toEqual({ start: '2020-03-30', count: 4 });
    expect(series.periods.at(-2)).toEqual({ start: '2020-10-19', count: 8 });
    expect(series.periods.at(-1)).toEqual({ start: '2020-10-26', count: 16 });
    expect(series.periods).toHaveLength(32);
    expect(series.periods.every(({ start }) => new Date(`${start}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(series.periods.reduce((sum, { count }) => sum + count, 0)).toBe(31);
  });

  test('refuses a range that ends before it starts', () => {
    expect(() => chartSeries([], '2020-06-15', '2020-03-01')).toThrow(RangeError);
  });
});

describe('renderDailyChart', () => {
  test('is an accessible image labelled by its own title and description', () => {
    const svg = renderDailyChart(chartOptions());
    expect(svg).toMatch(/^<svg\b[^>]*\brole="img"/);
    expect(svg).toMatch(/^<svg\b[^>]*\bviewBox="0 0 720 260"/);
    expect(svg).toMatch(/^<svg\b[^>]*\bwidth="100%"/);
    expect(svg).toMatch(/^<svg\b[^>]*\baria-labelledby="responses-chart-title responses-chart-desc"/);
    expect(svg).toContain('<title id="responses-chart-title">Responses per day</title>');
    expect(svg).toContain(
      '<desc id="responses-chart-desc">From 1 February to 15 June 2020. Most in one day: 41, on 12 May.</desc>',
    );
    expect(svg).toMatch(/<\/svg>$/);
  });

  test('draws one bar per calendar day, including days with no responses', () => {
    const bars = elements(renderDailyChart(chartOptions()), 'rect', 'chart__bar');
    // 4 May to 15 June 2020 inclusive: 28 + 15 days.
    expect(bars).toHaveLength(43);
    expect(bars.find((bar) => bar['data-date'] === '2020-05-12')).toMatchObject({
      'data-count': '41',
    });
    expect(bars.filter((bar) => bar['data-count'] === '0')).toHaveLength(40);
    expect(bars.filter((bar) => bar['data-count'] === '0').every((bar) => bar.height === '0')).toBe(true);
  });

  test('draws the deadline line through the middle of the deadline day', () => {
    const svg = renderDailyChart(chartOptions({ to: '2020-06-20' }));
    const deadlineBar = elements(svg, 'rect', 'chart__bar').find((bar) => bar['data-date'] === '2020-06-15');
    const [deadlineLine] = elements(svg, 'line', 'chart__deadline');
    if (deadlineBar === undefined || deadlineLine === undefined) throw new Error('missing deadline bar or line');

    const deadlineDayCentre = Number(deadlineBar.x) + Number(deadlineBar.width) / 2;
    expect(Number(deadlineLine.x1)).toBeCloseTo(deadlineDayCentre, 1);
    expect(deadlineLine.x2).toBe(deadlineLine.x1);
    expect(texts(svg, 'chart__deadline-label')).toEqual(['Deadline 15 June']);
  });

  test('marks today, and leaves out a marker for a day outside the chart', () => {
    const svg = renderDailyChart(chartOptions());
    expect(elements(svg, 'line', 'chart__today')).toHaveLength(1);
    expect(texts(svg, 'chart__today-label')).toEqual(['Today']);

    const afterTheDeadline = renderDailyChart(chartOptions({ today: '2020-07-01' }));
    expect(elements(afterTheDeadline, 'line', 'chart__today')).toHaveLength(0);
  });

  test('escapes every text it is given, never writing it raw', () => {
    const hostile = `<script>&"'`;
    const svg = renderDailyChart(
      chartOptions({
        idPrefix: `chart"${hostile}`,
        text: { title: hostile, description: hostile, deadlineLabel: hostile, todayLabel: hostile },
        formatTick: () => hostile,
      }),
    );
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain(`"'`);
    expect(svg).toContain('&lt;script&gt;&amp;&quot;&#39;');
    expect(svg).toContain('<title id="chart&quot;&lt;script&gt;&amp;&quot;&#39;-title">');
    // Outside the tags themselves, no raw markup characters remain.
    const textBetweenTags = svg.replace(/<\/?[a-z]+(\s+[\w:-]+="[^"<>]*")*\s*\/?>/g, '');
    expect(textBetweenTags).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
  });

  test('has no inline styles, which the Content Security Policy forbids', () => {
    const svg = renderDailyChart(chartOptions());
    expect(svg).not.toMatch(/style/i);
  });

  test('uses only colours with at least 3:1 contrast against white', () => {
    const svg = renderDailyChart(chartOptions());
    const colours = [...svg.matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/gi)].map(([, colour]) => colour!);
    expect(new Set(colours).size).toBeGreaterThanOrEqual(3);
    for (const colour of colours) expect(contrastAgainstWhite(colour)).toBeGreaterThanOrEqual(3);
  });

  test('scales the y axis to a round number at least the largest count', () => {
    const svg = renderDailyChart(chartOptions());
    expect(texts(svg, 'chart__value-label')).toEqual(['0', '25', '50']);

    const [highestBar] = elements(svg, 'rect', 'chart__bar').filter((bar) => bar['data-count'] === '41');
    const gridlineYs = elements(svg, 'line', 'chart__gridline').map((gridline) => Number(gridline.y1));
    const [zeroY, , fiftyY] = gridlineYs;
    if (highestBar === undefined || zeroY === undefined || fiftyY === undefined) throw new Error('missing');
    expect(Number(highestBar.height) / (zeroY - fiftyY)).toBeCloseTo(41 / 50, 2);
  });

  test.each([
    [2, ['0', '1', '2']],
    [7, ['0', '2', '4', '6', '8']],
    [41, ['0', '25', '50']],
    [100, ['0', '25', '50', '75', '100']],
    [101, ['0', '50', '100', '150']],
    [1234, ['0', '500', '1000', '1500']],
  ])('with a largest count of %i, the y axis reads %j', (largestCount, gridValues) => {
    const svg = renderDailyChart(chartOptions({ days: [{ date: '2020-05-11', count: largestCount }] }));
    expect(texts(svg, 'chart__value-label')).toEqual(gridValues);
  });

  test('renders an empty axis when there are no responses yet', () => {
    const svg = renderDailyChart(chartOptions({ days: [] }));
    expect(texts(svg, 'chart__value-label')).toEqual(['0', '1']);
    const bars = elements(svg, 'rect', 'chart__bar');
    expect(bars).toHaveLength(43);
    expect(bars.every((bar) => bar.height === '0')).toBe(true);
    expect(svg).not.toContain('NaN');
  });

  test('renders a single day with a bar no wider than a bar among many', () => {
    const svg = renderDailyChart(
      chartOptions({ days: [{ date: '2020-06-15', count: 3 }], from: '2020-06-15', to: '2020-06-15' }),
    );
    const bars = elements(svg, 'rect', 'chart__bar');
    expect(bars).toHaveLength(1);
    expect(Number(bars[0]?.width)).toBeLessThanOrEqual(32);
    expect(texts(svg, 'chart__date-label')).toEqual(['15 Jun']);
    expect(elements(svg, 'line', 'chart__deadline')).toHaveLength(1);
    expect(svg).not.toContain('NaN');
  });

  test('labels a handful of days over a short range', () => {
    const fortnight = renderDailyChart(chartOptions({ from: '2020-06-01', to: '2020-06-15' }));
    expect(texts(fortnight, 'chart__date-label')).toEqual([
      '1 Jun',
      '3 Jun',
      '5 Jun',
      '7 Jun',
      '9 Jun',
      '11 Jun',
      '13 Jun',
      '15 Jun',
    ]);
    expect(texts(renderDailyChart(chartOptions()), 'chart__date-label')).toEqual([
      '4 May',
      '11 May',
      '18 May',
      '25 May',
      '1 Jun',
      '8 Jun',
      '15 Jun',
    ]);
  });

  test('lets the caller write the date labels in the interface language', () => {
    const welshMonths = ['Ion', 'Chwef', 'Maw', 'Ebr', 'Mai', 'Meh'];
    const svg = renderDailyChart(
      chartOptions({
        formatTick: (date) => `${Number(date.slice(8))} ${welshMonths[Number(date.slice(5, 7)) - 1]}`,
      }),
    );
    expect(texts(svg, 'chart__date-label')).toEqual([
      '4 Mai',
      '11 Mai',
      '18 Mai',
      '25 Mai',
      '1 Meh',
      '8 Meh',
      '15 Meh',
    ]);
  });

  test('over seven years (demo data from 2020 in a preview closing in 2027) draws weeks, and at most eight labels, all different, with their years', () => {
    const svg = renderDailyChart(
      chartOptions({
        days: [{ date: '2020-05-12', count: 41 }],
        from: '2020-02-01',
        to: '2027-01-03',
        deadline: '2027-01-03',
        today: '2026-12-06',
      }),
    );
    // Monday 27 January 2020 to Sunday 3 January 2027.
    expect(elements(svg, 'rect', 'chart__bar')).toHaveLength(362);
    const labels = texts(svg, 'chart__date-label');
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(labels.length).toBeLessThanOrEqual(8);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[0]).toBe('27 Jan 2020');
    for (const label of labels) expect(label).toMatch(/^\d{1,2} [A-Z][a-z]{2} 20\d\d$/);
    expect(svg.length).toBeLessThan(80_000);
  });

  test('puts the year on the labels when the chart runs into another year, and only then', () => {
    const overNewYear = renderDailyChart(
      chartOptions({ from: '2026-12-20', to: '2027-01-10', deadline: '2027-01-10', today: '2026-12-30' }),
    );
    expect(texts(overNewYear, 'chart__date-label')).toEqual([
      '20 Dec 2026',
      '27 Dec 2026',
      '3 Jan 2027',
      '10 Jan 2027',
    ]);
    const byWeek = renderDailyChart(
      chartOptions({ from: '2026-09-28', to: '2027-01-03', deadline: '2027-01-03', today: '2026-12-06' }),
    );
    expect(texts(byWeek, 'chart__date-label')).toEqual([
      '28 Sep 2026',
      '12 Oct 2026',
      '26 Oct 2026',
      '9 Nov 2026',
      '23 Nov 2026',
      '7 Dec 2026',
      '21 Dec 2026',
    ]);
    expect(texts(renderDailyChart(chartOptions()), 'chart__date-label')[0]).toBe('4 May');
    const seen: [string, boolean][] = [];
    renderDailyChart(chartOptions({ formatTick: (date, withYear) => (seen.push([date, withYear]), date) }));
    expect(seen.every(([, withYear]) => !withYear)).toBe(true);
  });

  test('over weeks, draws the deadline and today at their days within their weeks', () => {
    const svg = renderDailyChart(
      // Wednesday 30 December 2026, and Monday 7 December.
      chartOptions({ from: '2026-09-28', to: '2027-01-03', deadline: '2026-12-30', today: '2026-12-07' }),
    );
    const bars = elements(svg, 'rect', 'chart__bar');
    const barOf = (start: string) => bars.find((bar) => bar['data-date'] === start)!;
    const [deadline] = elements(svg, 'line', 'chart__deadline');
    const [today] = elements(svg, 'line', 'chart__today');
    const slotWidth = Number(barOf('2026-10-05').x) - Number(barOf('2026-09-28').x);
    const slotStart = (bar: Record<string, string>) => Number(bar.x) + Number(bar.width) / 2 - slotWidth / 2;
    expect(Number(deadline!.x1)).toBeCloseTo(slotStart(barOf('2026-12-28')) + (2.5 / 7) * slotWidth, 1);
    expect(Number(today!.x1)).toBeCloseTo(slotStart(barOf('2026-12-07')) + (0.5 / 7) * slotWidth, 1);
  });

  test('gives the same output every time', () => {
    expect(renderDailyChart(chartOptions())).toBe(renderDailyChart(chartOptions()));
  });
});
