import type { Router } from 'express';
import type { Services } from '../../services';

const pageSize = 100;

export function registerAuditRoutes(router: Router, { audit }: Services): void {
  router.get('/audit', (req, res) => {
    const before = Number(req.query.before);
    const entries = audit.page(Number.isInteger(before) && before > 0 ? before : undefined, pageSize + 1);
    res.render('pages/admin/audit', {
      entries: entries.slice(0, pageSize),
      olderPage: entries.length > pageSize ? `?before=${entries[pageSize - 1]!.id}` : null,
    });
  });
}
