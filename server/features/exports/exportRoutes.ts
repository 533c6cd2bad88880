import type { Request, Response, Router } from 'express';
import type { Services } from '../../services';
import { londonDay } from '../../platform/time/clock';
import type { ExportKind } from './exportService';
import { writeCsv } from './csvExport';
import { exportFileName } from './exportFileName';
import { writeXlsx } from './xlsxExport';
import { writeZip } from './zipExport';
import type { ReportRisk } from '../../submissions/reports/reportRisks';
import { filterQueryString, readListView } from '../../submissions/listQuery';

/** The current filter's submissions as CSV or Excel, and their reports as a ZIP, all streamed. */
export function registerExportRoutes(router: Router, { exports, officers, clock, consultation }: Services): void {
  const start = (req: Request, res: Response, kind: ExportKind, extension: string, mediaType: string) => {
    const view = readListView(req.query);
    exports.record(officers.actorFor(res.locals.officer!), kind, filterQueryString(view));
    res.type(mediaType);
    const contents = kind === 'reports zip' ? 'reports' : 'responses';
    res.attachment(exportFileName(consultation.slug, contents, view.filter, londonDay(clock.now()), extension));
    const { t, constituencyName } = res.locals;
    return { view, language: { t, consultation: res.locals.consultation, constituencyName } };
  };

  router.get('/exports/responses.csv', async (req, res) => {
    const { view, language } = start(req, res, 'csv', 'csv', 'text/csv; charset=utf-8');
    await writeCsv(exports.sheet(view.filter, view.sort, language), res);
  });

  router.get('/exports/responses.xlsx', async (req, res) => {
    const { view, language } = start(
      req,
      res,
      'xlsx',
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    await writeXlsx(exports.sheet(view.filter, view.sort, language), res);
  });

  router.get('/exports/reports.zip', async (req, res) => {
    const { view } = start(req, res, 'reports zip', 'zip', 'application/zip');
    const { t } = res.locals;
    const warning = (risk: ReportRisk, fileName: string) => ({
      name: t('admin.submission.risk.noteFileName', { fileName }),
      text: t(`admin.submission.risk.${risk}`),
    });
    await writeZip(exports.reportFiles(view.filter, view.sort, warning), res);
  });
}
