import type { Router } from 'express';
import { renderDailyChart } from './dailyChart';
import { coverageLevels } from './dashboardService';
import type { Services } from '../../services';

export function registerDashboardRoutes(router: Router, { dashboard }: Services): void {
  router.get('/', (_req, res) => {
    const { t, format } = res.locals;
    const summary = dashboard.summary();
    const { chart } = summary;
    const busiest = chart.periods.reduce((best, period) => (period.count > best.count ? period : best), {
      start: '',
      count: 0,
    });
    const chartSvg = renderDailyChart({
      series: chart,
      deadline: summary.deadlineDay,
      today: summary.today,
      idPrefix: 'per-day',
      formatTick: (date, withYear) => (withYear ? format.shortDateWithYear(date) : format.shortDate(date)),
      text: {
        title: t('admin.dashboard.chart.title.' + chart.unit),
        description:
          busiest.count > 0
            ? t('admin.dashboard.chart.description.' + chart.unit, {
                from: format.date(summary.chartFrom),
                to: format.date(summary.chartTo),
                most: busiest.count,
                busiest: format.date(busiest.start),
              })
            : t('admin.dashboard.chart.empty'),
        deadlineLabel: t('admin.dashboard.chart.deadline', { date: format.shortDate(summary.deadlineDay) }),
        todayLabel: t('admin.dashboard.chart.today'),
      },
    });
    res.render('dashboard/dashboard', {
      summary,
      coverageLevels,
      chartSvg,
      tagCounts: dashboard.tagCounts(),
      undeliverable: dashboard.undeliverableReceipts(),
    });
  });
}
