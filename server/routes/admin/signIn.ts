import type { Request, Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Services } from '../../services';
import { noEmailGiven, signInFailures } from '../../services/auditLog';

const throttleWindowMs = 15 * 60 * 1000;

/** Only a path inside the workspace may be returned to after signing in: never another site. */
function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/admin(\/[^\\]*)?$/.test(value) && !value.startsWith('//') ? value : '/admin';
}

function submittedEmail(body: unknown): string {
  const email = (body as Record<string, unknown> | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** Sign in and sign out. Every failure, throttling included, gets the same message. */
export function registerSignInRoutes(router: Router, services: Services): void {
  const { officers, audit } = services;

  const refuse = (req: Request, res: Response, reason: string): void => {
    audit.record({ officerId: null, name: submittedEmail(req.body) || noEmailGiven }, 'sign-in-failed', null, reason);
    res.status(401).render('pages/admin/sign-in', { email: submittedEmail(req.body), failed: true, next: safeReturnPath(req.body?.next) });
  };
  const throttle = (limit: number, keyGenerator?: (req: Request) => string) =>
    rateLimit({
      windowMs: throttleWindowMs,
      limit,
      skipSuccessfulRequests: true,
      standardHeaders: false,
      legacyHeaders: false,
      ...(keyGenerator ? { keyGenerator } : {}),
      handler: (req, res) => refuse(req, res, signInFailures.throttled),
    });
  const perClient = throttle(20);
  const perAccount = throttle(5, (req) => `account:${submittedEmail(req.body)}`);

  router.get('/sign-in', (req, res) => {
    res.render('pages/admin/sign-in', { email: '', failed: false, next: safeReturnPath(req.query.next) });
  });

  router.post('/sign-in', perClient, perAccount, async (req, res, next) => {
    const body = req.body as Record<string, unknown>;
    const password = typeof body.password === 'string' ? body.password : '';
    const officer = await officers.authenticate(submittedEmail(body), password);
    if (!officer) {
      refuse(req, res, signInFailures.wrongDetails);
      return;
    }
    // A new session id at sign-in, so that an id planted before it is worth nothing.
    req.session.regenerate((error) => {
      if (error) {
        next(error);
        return;
      }
      req.session.officerId = officer.id;
      audit.record(officers.actorFor(officer), 'signed-in');
      req.session.save((saveError) => (saveError ? next(saveError) : res.redirect(303, safeReturnPath(body.next))));
    });
  });

  router.post('/sign-out', (req, res, next) => {
    const officer = req.session.officerId === undefined ? null : officers.activeOfficer(req.session.officerId);
    if (officer) audit.record(officers.actorFor(officer), 'signed-out');
    req.session.destroy((error) => (error ? next(error) : res.redirect(303, '/admin/sign-in')));
  });
}
