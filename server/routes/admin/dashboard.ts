import type { Router } from 'express';
import { renderDailyChart } from '../../services/dailyChart';
import type { Services } from '../../services';

export function registerDashboardRoutes(router: Router, { dashboard, reviews, consultation, outbox }: Services): void {
  router.get('/', (_req, res) => {
    const { t, format } = res.locals;
    const summary = dashboard.summary();
    const busiest = summary.perDay.reduce((best, day) => (day.count > best.count ? day : best), { date: '', count: 0 });
    const chartSvg = renderDailyChart({
      days: summary.perDay,
      from: summary.chartFrom,
      to: summary.chartTo,
      deadline: summary.deadlineDay,
      today: summary.today,
      idPrefix: 'per-day',
      formatTick: (date) => format.shortDate(date),
      text: {
        title: t('admin.dashboard.chart.title'),
        description: busiest.count > 0
          ? t('admin.dashboard.chart.description', { from: format.date(summary.chartFrom), to: format.date(summary.chartTo), most: busiest.count, busiest: format.date(busiest.date) })
          : t('admin.dashboard.chart.empty'),
        deadlineLabel: t('admin.dashboard.chart.deadline', { date: format.shortDate(summary.deadlineDay) }),
        todayLabel: t('admin.dashboard.chart.today'),
      },
    });
    res.render('pages/admin/dashboard', {
      summary,
      chartSvg,
      tagCounts: reviews.tagCounts(consultation.slug),
      undeliverable: outbox.undeliverableReceipts(),
    });
  });
}
