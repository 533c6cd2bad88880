import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Services } from '../../services';
import { officerIdleLifetimeMs } from './sessionStore';
import type { Officer } from './officerRepository';

declare module 'express-session' {
  interface SessionData {
    officerId: number;
  }
}

declare global {
  namespace Express {
    interface Locals {
      officer?: Officer;
    }
  }
}

/** Officers' sessions, kept in SQLite, expiring after 8 hours without use (the server sweeps out expired ones). */
export function setUpOfficerSession({ sessions, config }: Services, secureCookies: boolean): RequestHandler {
  return session({
    name: 'officer_session',
    store: sessions,
    secret: config.cookieSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Path "/" rather than "/admin": paths match without regard to case, cookie paths do not.
    cookie: { httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: officerIdleLifetimeMs, path: '/' },
  });
}

/** Lets only a signed-in, active officer through; anyone else is sent to sign in. */
export function requireOfficer({ officers }: Services): RequestHandler {
  return function requireOfficer(req, res, next) {
    const officerId = req.session?.officerId;
    const officer = officerId === undefined ? null : officers.activeOfficer(officerId);
    if (!officer) {
      const returnTo = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      res.redirect(303, `/admin/sign-in${returnTo}`);
      return;
    }
    res.locals.officer = officer;
    res.set('Cache-Control', 'no-store');
    next();
  };
}
