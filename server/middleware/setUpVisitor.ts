import { randomBytes } from 'node:crypto';
import { Router } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    /** A random id for this browser, which CSRF tokens and kept uploads are bound to. */
    visitorId: string;
  }
}

const cookieName = 'visitor';
const visitorIdPattern = /^[A-Za-z0-9_-]{22}$/;

export function setUpVisitor(secureCookies: boolean): Router {
  const router = Router();
  router.use((req, res, next) => {
    const existing: unknown = req.cookies?.[cookieName];
    if (typeof existing === 'string' && visitorIdPattern.test(existing)) {
      req.visitorId = existing;
    } else {
      req.visitorId = randomBytes(16).toString('base64url');
      res.cookie(cookieName, req.visitorId, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/' });
    }
    next();
  });
  return router;
}
