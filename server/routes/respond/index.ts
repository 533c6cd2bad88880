import { Router, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ConsultationClosed, NotFound, SuspectedAutomation, TooManyRequests } from '../../errors';
import { acceptUploads } from '../../middleware/uploads';
import type { Services } from '../../services';
import type { FieldError } from '../../services/fieldError';
import type { AcceptedFile } from '../../services/heldUploads';
import { referencePattern } from '../../services/referenceNumbers';
import { allStrings, answerField, readResponseForm, type FormValues } from './responseForm';

const reportsField = 'reports';
const confirmationCookie = 'confirmation';

interface FormPage {
  values: FormValues;
  errors: FieldError[];
  heldId: string | null;
  heldFiles: readonly AcceptedFile[];
}

function renderForm(res: Response, page: FormPage): void {
  const errorsByField = new Map<string, FieldError>();
  for (const error of page.errors) if (!errorsByField.has(error.field)) errorsByField.set(error.field, error);
  res.status(page.errors.length > 0 ? 400 : 200).render('pages/respond/form', { ...page, errorsByField, answerField });
}

/** Responses are refused before their body is read once the consultation has closed. */
function requireOpen({ window }: Services): RequestHandler {
  return (_req, _res, next) => next(window.isOpen() ? undefined : new ConsultationClosed());
}

/** The respond journey: the form, its submission, and the confirmation with the reference number. */
export function respondRouter(services: Services, verifyCsrf: RequestHandler, secureCookies: boolean): Router {
  const { consultation, config, submissions, uploads, window, clock } = services;
  const router = Router();
  const submissionLimit = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: config.submissionRateLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new TooManyRequests()),
  });

  router.get('/', (_req, res) => {
    if (!window.isOpen()) {
      res.render('pages/respond/closed');
      return;
    }
    renderForm(res, { values: {}, errors: [], heldId: null, heldFiles: [] });
  });

  router.post(
    '/',
    requireOpen(services),
    submissionLimit,
    ...acceptUploads(reportsField, services.attachments.incomingDir, verifyCsrf),
    async (req: Request, res: Response) => {
      const body = req.body as Record<string, unknown>;
      // The honeypot: a field hidden from people, which only automated form-fillers complete.
      if (allStrings(body.website).some((value) => value !== '')) throw new SuspectedAutomation();

      const previousHeldId = allStrings(body.heldId)[0];
      const accepted = await uploads.accept(
        {
          visitorId: req.visitorId,
          heldId: previousHeldId,
          removeStoredNames: allStrings(body.removeReport),
          received: (Array.isArray(req.files) ? req.files : []).map((file) => ({
            path: file.path,
            originalName: file.originalname,
            sizeBytes: file.size,
          })),
          limitBroken: req.uploadProblem,
        },
        reportsField,
      );
      const form = readResponseForm(body, consultation, clock.now(), accepted.files.length);
      const errors = [...(form.ok ? [] : form.errors), ...accepted.errors];

      if (!form.ok || errors.length > 0) {
        const heldId = uploads.keep(req.visitorId, accepted.files, previousHeldId);
        const heldFiles = heldId ? services.heldUploads.retrieve(req.visitorId, heldId) : [];
        renderForm(res, { values: form.values, errors, heldId, heldFiles });
        return;
      }

      const reference = submissions.submit(form.content, accepted.files, { channel: 'web', language: req.language });
      uploads.release(previousHeldId);
      res.cookie(confirmationCookie, reference, {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: 24 * 60 * 60 * 1000,
      });
      res.redirect(303, '/respond/confirmation');
    },
  );

  router.get('/confirmation', (req, res) => {
    const reference: unknown = req.signedCookies?.[confirmationCookie];
    if (typeof reference !== 'string' || !referencePattern.test(reference)) throw new NotFound();
    res.render('pages/respond/confirmation', { submission: submissions.find(reference) });
  });

  return router;
}
