import type { Request, Response, Router } from 'express';
import type { Services } from '../../services';
import type { ExportKind } from '../../services/exportService';
import { writeCsv } from '../../services/exports/csvExport';
import { writeXlsx } from '../../services/exports/xlsxExport';
import { writeZip } from '../../services/exports/zipExport';
import type { ReportRisk } from '../../services/reportRisks';
import { filterQueryString, readListView } from './listQuery';

/** The current filter's submissions as CSV or Excel, and their reports as a ZIP, all streamed. */
export function registerExportRoutes(router: Router, { exports, officers, clock, consultation }: Services): void {
  const start = (req: Request, res: Response, kind: ExportKind, extension: string, mediaType: string) => {
    const view = readListView(req.query);
    exports.record(officers.actorFor(res.locals.officer!), kind, filterQueryString(view));
    res.type(mediaType);
    res.attachment(`${consultation.slug}-${kind.replace(' ', '-')}-${clock.now().toISOString().slice(0, 10)}.${extension}`);
    const { t, constituencyName } = res.locals;
    return {
      view,
      labels: { respondentType: (type: string) => t(`admin.respondentTypes.${type}`), constituency: constituencyName },
    };
  };

  router.get('/exports/responses.csv', async (req, res) => {
    const { view, labels } = start(req, res, 'csv', 'csv', 'text/csv; charset=utf-8');
    await writeCsv(exports.rows(view.filter, view.sort, labels), exports.papers, res);
  });

  router.get('/exports/responses.xlsx', async (req, res) => {
    const { view, labels } = start(req, res, 'xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await writeXlsx(exports.rows(view.filter, view.sort, labels), exports.papers, res);
  });

  router.get('/exports/reports.zip', async (req, res) => {
    const { view } = start(req, res, 'reports zip', 'zip', 'application/zip');
    const { t } = res.locals;
    const warning = (risk: ReportRisk, fileName: string) => ({ name: t('admin.submission.risk.noteFileName', { fileName }), text: t(`admin.submission.risk.${risk}`) });
    await writeZip(exports.reportFiles(view.filter, view.sort, warning), res);
  });
}
