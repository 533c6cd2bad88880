import { Router } from 'express';
import type { Consultation } from '../content/consultation';
import { createFormatters, type Formatters } from '../i18n/formatters';
import type { Services } from '../services';
import type { WindowStatus } from '../services/consultationWindow';
import { walesWide } from '../services/submission';

declare global {
  namespace Express {
    interface Locals {
      consultation: Consultation;
      windowStatus: WindowStatus;
      format: Formatters;
      currentPath: string;
      constituencyName: (slug: string) => string;
      csrfToken: string;
    }
  }
}

/** What every page needs: the consultation, whether it is open, and formatters in the page's language. */
export function setUpViewLocals(services: Services): Router {
  const { consultation, window } = services;
  const constituencyNames = new Map(consultation.constituencies.map((constituency) => [constituency.slug, constituency.name]));
  const router = Router();
  router.use((req, res, next) => {
    res.locals.consultation = consultation;
    res.locals.windowStatus = window.status();
    res.locals.format = createFormatters(req.language, res.locals.t);
    res.locals.currentPath = req.path;
    res.locals.constituencyName = (slug: string): string =>
      slug === walesWide ? res.locals.t('respond.constituency.walesWide') : (constituencyNames.get(slug) ?? slug);
    next();
  });
  return router;
}
