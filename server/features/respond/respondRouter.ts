import { randomBytes } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { isStorageFault } from '../../platform/db/storageFaults';
import { ConsultationClosed, NotFound, SuspectedAutomation, TooManyRequests } from '../../platform/errors';
import { readCookie } from '../../platform/http/readCookie';
import { acceptUploads, uploadedFiles } from '../../web/intake/uploads';
import { formSwitchLanguage, type I18n } from '../../web/setUpI18n';
import type { Services } from '../../services';
import { renderClosedPage, renderResponseForm } from '../../web/intake/responseFormPage';
import { referencePattern } from '../../submissions/referenceNumbers';
import { responseSummary } from '../../submissions/responseSummary';
import { allStrings, firstString, type FormValues } from '../../submissions/responseForm';
import { draftReferenceIn } from '../drafts';
import { abandonResponse, formTokenIn, receiveResponse, reportsField } from '../../web/intake/receiveResponse';

const confirmationCookie = 'confirmation';

/**
 * How long the confirmation stays readable after a response is sent: long enough to read it and
 * note the reference, short enough that the next person at a shared computer does not find it.
 */
const confirmationLifetimeMs = 30 * 60 * 1000;

/** The reference the confirmation cookie names, while it has not run out; null otherwise. */
function confirmedReference(cookie: unknown, now: Date): string | null {
  if (typeof cookie !== 'string') return null;
  const [reference = '', expiresAt = ''] = cookie.split(' ');
  const stillValid = /^\d+$/.test(expiresAt) && now.getTime() < Number(expiresAt);
  return stillValid && referencePattern.test(reference) ? reference : null;
}

/** Responses are refused before their body is read until the consultation opens. */
function refuseBeforeOpening({ window }: Services): RequestHandler {
  return (_req, _res, next) => next(window.status().state === 'not-yet-open' ? new ConsultationClosed() : undefined);
}

/** The respond journey: the form, its submission, and the confirmation with the reference number. */
export function respondRouter(
  services: Services,
  verifyCsrf: RequestHandler,
  secureCookies: boolean,
  i18n: I18n,
): Router {
  const { config, clock, submissions, window, formOpenedStamps } = services;
  const router = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: secureCookies } as const;
  const submissionLimit = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: config.submissionRateLimit,
    // What counts is a response stored, and any post that carried files: those are kept on disk
    // for the form shown again, so sending them again and again must run into the limit. A form
    // sent back for a correction, or to be shown in the other language, without files does not.
    skipFailedRequests: true,
    requestWasSuccessful: (req, res) =>
      uploadedFiles(req).length > 0 || (res.statusCode < 400 && formSwitchLanguage(req) === null),
    // A client that has already hung up has no address any more. Its request goes nowhere, but
    // must not become a server error while the limiter works out whose it was.
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? '0.0.0.0'),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new TooManyRequests()),
  });
  /** The form's values with the stamp of when it was first opened, which it carries from page to page. */
  const stamped = (values: FormValues, openedAt: Date): FormValues => ({
    ...values,
    openedAt: formOpenedStamps.stamp(values.formToken ?? '', openedAt),
  });

  router.get('/', (_req, res) => {
    if (!window.isOpen()) {
      renderClosedPage(res, null);
      return;
    }
    const values = stamped({ formToken: randomBytes(16).toString('hex') }, clock.now());
    renderResponseForm(res, { values, errors: [], heldId: null, heldFiles: [] });
  });

  router.post(
    '/',
    refuseBeforeOpening(services),
    submissionLimit,
    ...acceptUploads(reportsField, services, verifyCsrf),
    async (req: Request, res: Response) => {
      // The honeypot: a field hidden from people, which only automated form-fillers complete.
      const body = req.body as Record<string, unknown>;
      if (allStrings(body.website).some((value) => value !== '')) throw new SuspectedAutomation();
      const switching = i18n.applyFormSwitch(req, res);
      // A form whose opening cannot be vouched for counts as opened now.
      const openedAt = formOpenedStamps.openedAt(formTokenIn(body), firstString(body.openedAt)) ?? clock.now();
      if (window.admission(openedAt) === 'refused') {
        renderClosedPage(res, abandonResponse(req, services));
        return;
      }
      // A form opened from a saved draft carries its reports, less those ticked to remove.
      const draftReference = draftReferenceIn(body);
      const draft = draftReference ? services.drafts.open(draftReference.token) : null;
      const removed = allStrings(body.removeReport);
      const carried = (draft?.reports ?? []).filter((file) => !removed.includes(file.storedName));
      const draftKept = draft && draftReference ? draftReference : null;
      const received = await receiveResponse(req, services, 'public', [], switching, carried);
      if (!received.ok) {
        renderResponseForm(res, {
          ...received,
          heldFiles: [...carried, ...received.heldFiles],
          values: stamped(received.values, openedAt),
          draft: draftKept,
        });
        return;
      }
      let reference: string;
      try {
        reference = await submissions.submit(
          received.content,
          received.files,
          req.language,
          received.formToken,
          openedAt,
          // Sent, the draft goes in the same transaction; its files have moved to the response.
          draft ? () => services.drafts.deleteInTransaction(draft.draftId) : undefined,
        );
      } catch (error) {
        // The grace period ran out while the response was being read.
        if (error instanceof ConsultationClosed) {
          renderClosedPage(res, abandonResponse(req, services));
          return;
        }
        if (!isStorageFault(error)) throw error;
        const kept = received.keepForRetry();
        renderResponseForm(res, {
          ...kept,
          heldFiles: [...carried, ...kept.heldFiles],
          values: stamped(kept.values, openedAt),
          problemKey: 'errors.notStored',
          draft: draftKept,
        });
        return;
      }
      received.release();
      if (draft) services.drafts.afterSent(draft);
      // A session cookie, gone when the browser closes; its signed expiry ends it sooner on a
      // browser left open.
      const expiresAt = clock.now().getTime() + confirmationLifetimeMs;
      res.cookie(confirmationCookie, `${reference} ${expiresAt}`, { ...cookieOptions, signed: true });
      res.redirect(303, '/respond/confirmation');
    },
  );

  router.get('/confirmation', (req, res) => {
    const reference = confirmedReference(readCookie(req, confirmationCookie, { signed: true }), clock.now());
    if (!reference) throw new NotFound();
    // The page shows a person's response and email address: no browser or proxy may keep a copy.
    res.set('Cache-Control', 'no-store');
    const submission = submissions.find(reference);
    res.render('respond/confirmation', {
      submission,
      summary: responseSummary(submission, res.locals, 'respondent'),
      lifetimeMinutes: confirmationLifetimeMs / 60_000,
    });
  });

  router.post('/finish', (_req, res) => {
    res.clearCookie(confirmationCookie, cookieOptions);
    res.redirect(303, '/?finished=1');
  });

  return router;
}
