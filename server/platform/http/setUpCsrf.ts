import { Router, type RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { CsrfRejected } from '../errors';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Csrf {
  /** Gives every page `csrfToken()` for its forms and checks the token on every unsafe request with a plain form body. */
  router: Router;
  /** Checks the token once a multipart body has been read: the upload middleware calls it. */
  verify: RequestHandler;
}

/**
 * Double-submit CSRF tokens bound to the visitor cookie. A multipart body can only be checked
 * once it has been read, so multipart is refused everywhere except `multipartPaths`, whose upload
 * middleware calls `verify` straight after reading the body and before any handler.
 */
export function setUpCsrf(cookieSecret: string, secureCookies: boolean, multipartPaths: readonly string[]): Csrf {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => cookieSecret,
    getSessionIdentifier: (req) => req.visitorId,
    cookieName: 'csrf',
    cookieOptions: { sameSite: 'lax', secure: secureCookies, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const token: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof token === 'string' ? token : undefined;
    },
  });

  const verify: RequestHandler = (req, _res, next) => {
    next(validateRequest(req) ? undefined : new CsrfRejected());
  };

  const router = Router();
  router.use((req, res, next) => {
    // Made only when a view asks, since most pages have no form: a token costs random bytes, an
    // HMAC and a cookie (and the visitor cookie it is bound to). One per response, so that every
    // form on a page carries the token its cookie holds.
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateCsrfToken(req, res));
    if (!unsafeMethods.has(req.method)) {
      next();
      return;
    }
    if (req.is('multipart/form-data') && multipartPaths.includes(req.path)) {
      next();
      return;
    }
    verify(req, res, next);
  });
  return { router, verify };
}
