import type { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Services } from '../../services';
import { auditActions, type AuditFilter } from '../../platform/audit/auditLog';
import { describeAuditEntry } from './auditEntries';

const pageSize = 100;

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const day = z.string().refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid);

// A value the page could not have offered is ignored, as if that filter were not set.
const querySchema = z.object({
  officer: optional(z.coerce.number().int().positive()),
  action: optional(z.enum(auditActions)),
  from: optional(day),
  to: optional(day),
  before: optional(z.coerce.number().int().positive()),
});

/** The filters as they go back into the address, so that a filtered view can be bookmarked and paged. */
function filterQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const values = {
    officer: filter.officerId?.toString(),
    action: filter.action,
    from: filter.fromDay,
    to: filter.toDay,
    ...extra,
  };
  const params = new URLSearchParams(
    Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function registerAuditRoutes(router: Router, { audit, officers }: Services): void {
  router.get('/audit', (req, res) => {
    const query = querySchema.parse(req.query);
    const filter: AuditFilter = {
      officerId: query.officer ?? null,
      action: query.action ?? null,
      fromDay: query.from ?? null,
      toDay: query.to ?? null,
    };
    const entries = audit.page(filter, query.before, pageSize + 1);
    const shown = entries.slice(0, pageSize);
    res.render('audit/audit', {
      filter,
      officers: officers.list(),
      actions: auditActions,
      entries: shown.map((entry) => describeAuditEntry(entry, res.locals.t)),
      olderPage: entries.length > pageSize ? filterQuery(filter, { before: String(shown.at(-1)!.id) }) : null,
      filtered: filterQuery(filter) !== '',
    });
  });
}
