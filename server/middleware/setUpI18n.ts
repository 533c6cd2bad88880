import { Router } from 'express';
import { createCatalogue, type Language, type Translate } from '../i18n/catalogue';

declare module 'express-serve-static-core' {
  interface Request {
    language: Language;
  }
}

declare global {
  namespace Express {
    interface Locals {
      language: Language;
      t: Translate;
    }
  }
}

/** Chooses the language of the interface and gives every view its translator as `t`. */
export function setUpI18n(): Router {
  const router = Router();
  const catalogue = createCatalogue();
  router.use((req, res, next) => {
    req.language = 'en';
    res.locals.language = req.language;
    res.locals.t = catalogue.translatorFor(req.language);
    next();
  });
  return router;
}
