import { Router } from 'express';
import type { Services } from '../services';
import type { WindowStatus } from '../consultation/consultationWindow';

declare global {
  namespace Express {
    interface Locals {
      windowStatus: WindowStatus;
      currentPath: string;
      /** The current address without its query, for the language switch's link. */
      currentUrl: string;
      /** The token for this page's forms: see setUpCsrf. */
      csrfToken: () => string;
    }
  }
}

/** What every page needs besides its language: whether the consultation is open, and where the page is. */
export function setUpViewLocals({ window }: Services): Router {
  const router = Router();
  router.use((req, res, next) => {
    // A page depends on its reader's language and on the moment (the window, a form's token): a
    // browser may keep it but must ask again before showing it, and a shared cache must not keep it.
    res.set('Cache-Control', 'private, no-cache');
    res.locals.windowStatus = window.status();
    res.locals.currentPath = req.path;
    res.locals.currentUrl = req.originalUrl;
    next();
  });
  return router;
}
