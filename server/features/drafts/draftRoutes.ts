import { randomBytes } from 'node:crypto';
import { Router, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { isStorageFault } from '../../platform/db/storageFaults';
import { ConsultationClosed, NotFound, SuspectedAutomation, TooManyRequests } from '../../platform/errors';
import { readCookie } from '../../platform/http/readCookie';
import { logFailure } from '../../platform/logFailure';
import type { Services } from '../../services';
import type { FieldError } from '../../platform/forms/fieldError';
import { allStrings, firstString, readTypedValues, type FormValues } from '../../submissions/responseForm';
import { abandonResponse, reportsField, tooManyReports, uploadRequest } from '../../web/intake/receiveResponse';
import { renderClosedPage, renderResponseForm } from '../../web/intake/responseFormPage';
import { acceptUploads } from '../../web/intake/uploads';
import { draftDifferences } from './draftDifferences';
import { draftReferenceIn, readDraftEmail } from './draftForms';
import type { OpenedDraft } from './draftService';

const savedCookie = 'draftSaved';
/** How long the page after saving can show the link: long enough to copy it, short for a shared computer. */
const savedPageLifetimeMs = 30 * 60 * 1000;

/**
 * The most links that open no draft, and the most requests for a new link, one address may make
 * in a quarter of an hour: far more than a person mistyping, far too few to guess a link or to
 * fill someone's mailbox.
 */
export const draftLinkLimits = { wrongLinks: 30, newLinkRequests: 5 } as const;

/** At most `limit` requests a quarter of an hour from one address (only failed ones, if `failuresOnly`), then the 429 page. */
function perAddressLimit(limit: number, failuresOnly = false): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit,
    skipSuccessfulRequests: failuresOnly,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? '0.0.0.0'),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new TooManyRequests()),
  });
}

/**
 * Save and return: the form's "Save and come back later" button, the page after it, the link
 * that opens a draft, and asking for a new link. Every page about a link reads the same whether
 * or not a draft or an address exists.
 */
export function draftRoutes(services: Services, verifyCsrf: RequestHandler, secureCookies: boolean): Router {
  const { config, clock, drafts, uploads, window, consultation, formOpenedStamps } = services;
  const router = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: secureCookies, signed: true } as const;
  // Saves are counted like responses; links that open nothing and new-link requests more tightly.
  const saveLimit = perAddressLimit(config.submissionRateLimit);
  const wrongLinkLimit = perAddressLimit(draftLinkLimits.wrongLinks, true);
  const newLinkLimit = perAddressLimit(draftLinkLimits.newLinkRequests);

  /** The form filled from a draft, with a fresh one-time token and opening stamp. */
  const formFrom = (values: FormValues): FormValues => {
    const formToken = randomBytes(16).toString('hex');
    return { ...values, formToken, openedAt: formOpenedStamps.stamp(formToken, clock.now()) };
  };

  /** The page for a link that opens no draft (`linkFailed`), or for asking for a new one: both offer to send one. */
  const newLinkPage = (res: Response, linkFailed: boolean, email = '', errors: FieldError[] = []) => {
    res.set('Cache-Control', 'no-store');
    res
      .status(errors.length > 0 ? 400 : linkFailed ? 404 : 200)
      .render('drafts/link-not-found', { linkFailed, email, errors });
  };

  router.post('/', saveLimit, ...acceptUploads(reportsField, services, verifyCsrf), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (allStrings(body.website).some((value) => value !== '')) throw new SuspectedAutomation();
    if (!window.isOpen()) {
      // Nothing typed is lost: the closed page shows it all, to send another way.
      renderClosedPage(res, abandonResponse(req, services));
      return;
    }
    const request = uploadRequest(req);
    const accepted = await uploads.accept(request, reportsField);
    const values: FormValues = { ...readTypedValues(body, consultation), formToken: firstString(body.formToken) };
    const reference = draftReferenceIn(body);
    const opened = reference ? drafts.open(reference.token) : null;
    const carried = (opened?.reports ?? []).filter((file) => !request.removeStoredNames.includes(file.storedName));
    const email = readDraftEmail(body.email);
    const showAgain = (errors: FieldError[], extra: { problemKey?: string; current?: OpenedDraft } = {}) => {
      const kept = uploads.keep(req.visitorId, accepted.files, reportsField);
      const draft = extra.current ?? opened;
      renderResponseForm(
        res,
        {
          values: { ...values, openedAt: firstString(body.openedAt) },
          errors: [...errors, ...kept.errors],
          heldId: kept.heldId,
          heldFiles: [...(extra.current ? extra.current.reports : carried), ...kept.files],
          draft: draft && reference ? { token: reference.token, version: draft.version } : null,
          ...(extra.problemKey ? { problemKey: extra.problemKey } : {}),
        },
        extra.current
          ? {
              saved: extra.current,
              differences: draftDifferences(extra.current.values, values, res.locals.consultation, res.locals.t),
            }
          : null,
      );
    };
    const errors = [
      ...('error' in email ? [email.error] : []),
      ...accepted.errors,
      ...tooManyReports(carried, accepted.files),
    ];
    if (!('email' in email) || errors.length > 0) {
      showAgain(errors);
      return;
    }
    let outcome;
    try {
      outcome = drafts.save({
        token: reference?.token ?? null,
        version: reference?.version ?? null,
        values: stripFormBookkeeping(values),
        newFiles: accepted.files,
        removeStoredNames: request.removeStoredNames,
        language: req.language,
        email: email.email,
      });
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      logFailure('Saving a draft', error);
      showAgain([], { problemKey: 'drafts.notSaved' });
      return;
    }
    if (!outcome.saved) {
      showAgain([], { current: outcome.current });
      return;
    }
    uploads.release(req.visitorId, request.heldId);
    const expiresAt = clock.now().getTime() + savedPageLifetimeMs;
    res.cookie(savedCookie, `${outcome.draft.token} ${outcome.isNew ? 'new' : 'again'} ${expiresAt}`, cookieOptions);
    res.redirect(303, '/respond/draft/saved');
  });

  router.get('/saved', (req, res) => {
    const cookie = readCookie(req, savedCookie, { signed: true });
    const [token = '', how = '', until = ''] = typeof cookie === 'string' ? cookie.split(' ') : [];
    const stillValid = /^\d+$/.test(until) && clock.now().getTime() < Number(until);
    const draft = stillValid ? drafts.open(token) : null;
    if (!draft) throw new NotFound();
    res.set('Cache-Control', 'no-store');
    res.render('drafts/saved', { draft, link: drafts.linkFor(draft.token), isNew: how === 'new' });
  });

  router.get('/new-link', (_req, res) => newLinkPage(res, false));

  router.post('/new-link', newLinkLimit, (req, res) => {
    const body = req.body as Record<string, unknown>;
    const email = readDraftEmail(body.email);
    if ('error' in email) {
      newLinkPage(res, false, firstString(body.email).slice(0, 300), [email.error]);
      return;
    }
    drafts.sendNewLinks(email.email, req.language);
    res.redirect(303, '/respond/draft/new-link/sent');
  });

  router.get('/new-link/sent', (_req, res) => {
    res.render('drafts/new-link-sent');
  });

  router.get('/:token', wrongLinkLimit, (req, res) => {
    if (!window.isOpen()) throw new ConsultationClosed();
    const draft = drafts.open(String(req.params.token));
    if (!draft) {
      newLinkPage(res, true);
      return;
    }
    res.set('Cache-Control', 'no-store');
    renderResponseForm(res, {
      values: formFrom(draft.values),
      errors: [],
      heldId: null,
      heldFiles: draft.reports,
      draft: { token: draft.token, version: draft.version },
    });
  });

  return router;
}

/** What the form carries for itself, not what the person typed: never kept in a draft. */
function stripFormBookkeeping(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([field]) => field !== 'formToken' && field !== 'openedAt'));
}
