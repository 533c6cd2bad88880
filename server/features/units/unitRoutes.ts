import type { Request, RequestHandler, Response, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { NotFound } from '../../platform/errors';
import type { FieldError } from '../../platform/forms/fieldError';
import type { Services } from '../../services';
import type { ImportProblem } from './unitCsv';
import type { ImportPlan } from './unitImport';
import { emptyUnitForm, formValuesOf, readUnitForm, refusalError, type UnitFormValues } from './unitForm';
import type { Unit } from './unitRepository';
import { unitKinds, unitLimits, unitViewVocabulary } from './unitVocabulary';

const listFilter = z.object({
  kind: z.enum(unitKinds).optional().catch(undefined),
  constituency: z.string().max(100).optional().catch(undefined),
});
const count = z.coerce.number().int().min(0).catch(0);
const importedCounts = z.object({ added: count, updated: count, unchanged: count });
const unitId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const confirmation = z.object({ token: z.string().min(1).max(100), digest: z.string().regex(/^[0-9a-f]{64}$/) });

/** The one file of the import form, read into memory: the register's file is small, and checked before anything is kept. */
const importUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: unitLimits.maxImportBytes + 1, files: 1, fields: 5, parts: 6 },
}).single('file');

/** Reads the import form; a file over the limit is read no further, and said to be too large. */
function readImportForm(verifyCsrf: RequestHandler): RequestHandler {
  return (req, res, next) => {
    importUpload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
        res.locals.importTooLarge = true;
        // The CSRF token may be after the file, unread: the page is shown again and nothing changes.
        next();
        return;
      }
      if (error) {
        next(error);
        return;
      }
      verifyCsrf(req, res, next);
    });
  };
}

function unitFrom(services: Services, id: string | undefined): Unit {
  const parsed = unitId.safeParse(id);
  const unit = parsed.success ? services.units.find(parsed.data) : null;
  if (unit === null) throw new NotFound();
  return unit;
}

function renderUnitForm(
  req: Request,
  res: Response,
  services: Services,
  page: { unit: Unit | null; values: UnitFormValues; errors: readonly FieldError[]; saved?: boolean },
): void {
  const errorsByField = new Map(page.errors.map((error) => [error.field, error]));
  res.status(page.errors.length > 0 ? 400 : 200).render('units/unit', {
    ...unitViewVocabulary,
    ...page,
    saved: page.saved ?? false,
    errorsByField,
    line: page.unit ? services.units.lineOf(page.unit, req.language) : null,
    constituencies: services.units.constituencyChoices(req.language),
  });
}

function renderImport(
  res: Response,
  page: {
    problems?: readonly ImportProblem[];
    plan?: ImportPlan;
    token?: string;
    changedSincePreview?: boolean;
    status?: number;
  },
): void {
  res.status(page.status ?? (page.problems && page.problems.length > 0 ? 400 : 200)).render('units/import', {
    ...unitViewVocabulary,
    problems: page.problems ?? [],
    plan: page.plan ?? null,
    token: page.token ?? null,
    changedSincePreview: page.changedSincePreview ?? false,
    errors:
      page.problems && page.problems.length > 0 ? [{ field: 'file', key: 'admin.units.import.problems.summary' }] : [],
  });
}

/** The register of units: the list, a unit's page, adding one, deleting one, and importing the register's CSV file. */
export function registerUnitRoutes(router: Router, services: Services, verifyCsrf: RequestHandler): void {
  const { units, officers } = services;

  router.get('/units', (req, res) => {
    const filter = listFilter.parse(req.query);
    res.render('units/units', {
      ...unitViewVocabulary,
      filter,
      units: units.list({ kind: filter.kind ?? null, constituency: filter.constituency || null }, req.language),
      constituencies: units.constituencyChoices(req.language),
      imported: req.query.imported === '1' ? importedCounts.parse(req.query) : null,
      deleted: req.query.deleted === '1',
    });
  });

  router.get('/units/new', (req, res) => {
    renderUnitForm(req, res, services, { unit: null, values: emptyUnitForm, errors: [] });
  });

  router.post('/units', (req, res) => {
    const values = readUnitForm(req.body);
    const checked = units.checkForm(values);
    if (checked.fields === null) {
      renderUnitForm(req, res, services, { unit: null, values, errors: checked.errors });
      return;
    }
    const written = units.add(checked.fields, officers.actorFor(res.locals.officer!));
    if (!written.ok) {
      renderUnitForm(req, res, services, { unit: null, values, errors: [refusalError(written.refusal)] });
      return;
    }
    res.redirect(303, `/admin/units/${written.id}?saved=1`);
  });

  router.get('/units/import', (_req, res) => {
    renderImport(res, {});
  });

  router.post('/units/import', readImportForm(verifyCsrf), (req, res) => {
    if (res.locals.importTooLarge === true) {
      renderImport(res, { problems: [{ line: null, column: null, key: 'admin.units.import.problems.tooLarge' }] });
      return;
    }
    if (!req.file) {
      renderImport(res, { problems: [{ line: null, column: null, key: 'admin.units.import.problems.noFile' }] });
      return;
    }
    const staged = units.stageImport(req.file.buffer, res.locals.officer!.id);
    if (!staged.ok) renderImport(res, { problems: staged.problems });
    else renderImport(res, { plan: staged.plan, token: staged.token });
  });

  router.post('/units/import/apply', (req, res) => {
    const parsed = confirmation.safeParse(req.body);
    const officer = res.locals.officer!;
    const applied = parsed.success
      ? units.applyImport(parsed.data.token, parsed.data.digest, {
          ...officers.actorFor(officer),
          officerId: officer.id,
        })
      : ({ outcome: 'gone' } as const);
    if (applied.outcome === 'applied') {
      const { added, updated, unchanged } = applied.plan.counts;
      res.redirect(303, `/admin/units?imported=1&added=${added}&updated=${updated}&unchanged=${unchanged}`);
    } else if (applied.outcome === 'gone') {
      renderImport(res, {
        status: 410,
        problems: [{ line: null, column: null, key: 'admin.units.import.problems.gone' }],
      });
    } else if (applied.staged.ok) {
      renderImport(res, { plan: applied.staged.plan, token: applied.staged.token, changedSincePreview: true });
    } else {
      renderImport(res, { problems: applied.staged.problems });
    }
  });

  router.get('/units/:id', (req, res) => {
    const unit = unitFrom(services, req.params.id);
    renderUnitForm(req, res, services, {
      unit,
      values: formValuesOf(unit),
      errors: [],
      saved: req.query.saved === '1',
    });
  });

  router.post('/units/:id', (req, res) => {
    const unit = unitFrom(services, req.params.id);
    const values = readUnitForm(req.body);
    const checked = units.checkForm(values);
    if (checked.fields === null) {
      renderUnitForm(req, res, services, { unit, values, errors: checked.errors });
      return;
    }
    const written = units.update(unit.id, checked.fields, officers.actorFor(res.locals.officer!));
    if (written === null) throw new NotFound();
    if (!written.ok) {
      renderUnitForm(req, res, services, { unit, values, errors: [refusalError(written.refusal)] });
      return;
    }
    res.redirect(303, `/admin/units/${unit.id}?saved=1`);
  });

  router.post('/units/:id/delete', (req, res) => {
    const unit = unitFrom(services, req.params.id);
    if ((req.body as Record<string, unknown>).confirm !== 'yes') {
      renderUnitForm(req, res, services, {
        unit,
        values: formValuesOf(unit),
        errors: [{ field: 'confirm', key: 'admin.units.delete.confirmMissing' }],
      });
      return;
    }
    const removed = units.remove(unit.id, officers.actorFor(res.locals.officer!));
    if (removed === null) throw new NotFound();
    if (!removed.ok) {
      renderUnitForm(req, res, services, {
        unit,
        values: formValuesOf(unit),
        errors: [{ field: 'confirm', key: `admin.units.errors.${removed.refusal}` }],
      });
      return;
    }
    res.redirect(303, '/admin/units?deleted=1');
  });
}
