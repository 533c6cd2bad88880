import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { readCookie } from './readCookie';

declare module 'express-serve-static-core' {
  interface Request {
    /**
     * A random id for this browser, which CSRF tokens and kept uploads are bound to. Made (and
     * its cookie set) the first time something reads it, so pages without a form set no cookie.
     */
    readonly visitorId: string;
  }
}

const cookieName = 'visitor';
const visitorIdPattern = /^[A-Za-z0-9_-]{22}$/;

export function setUpVisitor(secureCookies: boolean): Router {
  const router = Router();
  router.use((req, res, next) => {
    let visitorId: string | undefined;
    Object.defineProperty(req, 'visitorId', {
      configurable: true,
      enumerable: true,
      get(): string {
        if (visitorId === undefined) {
          const existing = readCookie(req, cookieName);
          if (typeof existing === 'string' && visitorIdPattern.test(existing)) {
            visitorId = existing;
          } else {
            visitorId = randomBytes(16).toString('base64url');
            res.cookie(cookieName, visitorId, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' });
          }
        }
        return visitorId;
      },
    });
    next();
  });
  return router;
}
