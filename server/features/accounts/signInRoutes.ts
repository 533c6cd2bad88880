import { promisify } from 'node:util';
import type { Request, Response, Router } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { Services } from '../../services';
import { recordRefusedSignIn, signInAttemptName, signInFailures } from './signInAttempts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the throttle that last counted this request: how many attempts its window has seen. */
    rateLimit?: RateLimitInfo;
  }
}

const throttleWindowMs = 15 * 60 * 1000;

/** Only a path inside the workspace may be returned to after signing in: never another site. */
function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/admin(\/[^\\]*)?$/.test(value) && !value.startsWith('//') ? value : '/admin';
}

/** A field of a posted form: whatever the client sent, if it sent a form at all. */
function submittedField(body: unknown, name: string): unknown {
  return (body as Partial<Record<string, unknown>> | undefined)?.[name];
}

function submittedEmail(body: unknown): string {
  const email = submittedField(body, 'email');
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** Sign in and sign out. Every failure, throttling included, gets the same message. */
export function registerSignInRoutes(router: Router, services: Services): void {
  const { officers, audit } = services;

  const refuse = (req: Request, res: Response): void => {
    res.status(401).render('accounts/sign-in', {
      email: submittedEmail(req.body),
      failed: true,
      next: safeReturnPath(submittedField(req.body, 'next')),
    });
  };
  const throttle = (limit: number, keyGenerator?: (req: Request) => string) =>
    rateLimit({
      windowMs: throttleWindowMs,
      limit,
      skipSuccessfulRequests: true,
      standardHeaders: false,
      legacyHeaders: false,
      ...(keyGenerator ? { keyGenerator } : {}),
      handler: (req, res) => {
        // Only the first attempt over the limit is recorded: the rest of the window adds nothing.
        if (req.rateLimit?.used === limit + 1)
          recordRefusedSignIn(audit, submittedEmail(req.body), signInFailures.throttled);
        refuse(req, res);
      },
    });
  const perClient = throttle(20);
  // Keyed by what the log would record, so that no key holds what was typed unless it could be an address.
  const perAccount = throttle(5, (req) => `account:${signInAttemptName(submittedEmail(req.body))}`);

  router.get('/sign-in', (req, res) => {
    res.render('accounts/sign-in', { email: '', failed: false, next: safeReturnPath(req.query.next) });
  });

  router.post('/sign-in', perClient, perAccount, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const password = typeof body.password === 'string' ? body.password : '';
    const officer = await officers.authenticate(submittedEmail(body), password);
    if (!officer) {
      recordRefusedSignIn(audit, submittedEmail(body), signInFailures.wrongDetails);
      refuse(req, res);
      return;
    }
    // A new session id at sign-in, so that an id planted before it is worth nothing.
    await promisify(req.session.regenerate.bind(req.session))();
    // Recorded before the session is marked signed in: if it cannot be, the sign-in fails whole.
    audit.record(officers.actorFor(officer), 'signed-in');
    req.session.officerId = officer.id;
    await promisify(req.session.save.bind(req.session))();
    res.redirect(303, safeReturnPath(body.next));
  });

  router.post('/sign-out', (req, res, next) => {
    const officer = req.session.officerId === undefined ? null : officers.activeOfficer(req.session.officerId);
    if (officer) audit.record(officers.actorFor(officer), 'signed-out');
    req.session.destroy((error) => (error ? next(error) : res.redirect(303, '/admin/sign-in')));
  });
}
