import { fillDays, renderDailyChart, type DailyChartOptions } from '../../server/services/dailyChart';

const text = {
  title: 'Responses per day',
  description: 'From 1 February to 15 June 2020. Most in one day: 41, on 12 May.',
  deadlineLabel: 'Deadline 15 June',
  todayLabel: 'Today',
};

function chartOptions(overrides: Partial<DailyChartOptions> = {}): DailyChartOptions {
  return {
    days: [
      { date: '2020-02-03', count: 4 },
      { date: '2020-05-12', count: 41 },
      { date: '2020-05-13', count: 17 },
    ],
    from: '2020-02-01',
    to: '2020-06-15',
    deadline: '2020-06-15',
    today: '2020-05-23',
    text,
    idPrefix: 'responses-chart',
    ...overrides,
  };
}

/** The attributes of every element with this name and class, in document order. */
function elements(svg: string, name: string, className: string): Record<string, string>[] {
  const openingTags = svg.match(new RegExp(`<${name}\\b[^>]*\\bclass="${className}"[^>]*>`, 'g')) ?? [];
  return openingTags.map((openingTag) =>
    Object.fromEntries([...openingTag.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value])),
  );
}

function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<text[^>]*class="${className}"[^>]*>([^<]*)</text>`, 'g'))].map(
    ([, content]) => content,
  );
}

function contrastAgainstWhite(hexColour: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hexColour.slice(start, start + 2), 16) / 255);
  const [red, green, blue] = channels.map((channel) =>
    channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4,
  );
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
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
    // 1 February to 15 June 2020 inclusive: 29 + 31 + 30 + 31 + 15 days.
    expect(bars).toHaveLength(136);
    expect(bars.find((bar) => bar['data-date'] === '2020-05-12')).toMatchObject({
      'data-count': '41',
    });
    expect(bars.filter((bar) => bar['data-count'] === '0')).toHaveLength(133);
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
    const colours = [...svg.matchAll(/(?:fill|stroke)="(#[0-9a-f]{6})"/gi)].map(([, colour]) => colour);
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
    const svg = renderDailyChart(chartOptions({ days: [{ date: '2020-03-01', count: largestCount }] }));
    expect(texts(svg, 'chart__value-label')).toEqual(gridValues);
  });

  test('renders an empty axis when there are no responses yet', () => {
    const svg = renderDailyChart(chartOptions({ days: [] }));
    expect(texts(svg, 'chart__value-label')).toEqual(['0', '1']);
    const bars = elements(svg, 'rect', 'chart__bar');
    expect(bars).toHaveLength(136);
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

  test('labels the first of each month over a long consultation', () => {
    const svg = renderDailyChart(chartOptions());
    expect(texts(svg, 'chart__date-label')).toEqual(['1 Feb', '1 Mar', '1 Apr', '1 May', '1 Jun']);
  });

  test('labels a handful of days over a short range', () => {
    const fortnight = renderDailyChart(chartOptions({ from: '2020-06-01', to: '2020-06-15' }));
    expect(texts(fortnight, 'chart__date-label')).toEqual(
      ['1 Jun', '3 Jun', '5 Jun', '7 Jun', '9 Jun', '11 Jun', '13 Jun', '15 Jun'],
    );
    const sixWeeks = renderDailyChart(chartOptions({ from: '2020-05-04', to: '2020-06-15' }));
    expect(texts(sixWeeks, 'chart__date-label')).toEqual(
      ['4 May', '11 May', '18 May', '25 May', '1 Jun', '8 Jun', '15 Jun'],
    );
  });

  test('lets the caller write the date labels in the interface language', () => {
    const welshMonths = ['Ion', 'Chwef', 'Maw', 'Ebr', 'Mai', 'Meh'];
    const svg = renderDailyChart(
      chartOptions({
        formatTick: (date) => `${Number(date.slice(8))} ${welshMonths[Number(date.slice(5, 7)) - 1]}`,
      }),
    );
    expect(texts(svg, 'chart__date-label')).toEqual(['1 Chwef', '1 Maw', '1 Ebr', '1 Mai', '1 Meh']);
  });

  test('gives the same output every time', () => {
    expect(renderDailyChart(chartOptions())).toBe(renderDailyChart(chartOptions()));
  });
});
