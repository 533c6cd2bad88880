import { Router, type Request, type Response } from 'express';
import type { Consultation } from '../consultation/consultation';
import { createCatalogue, type Translate } from '../platform/i18n/catalogue';
import { isLanguage, languages, type Language } from '../platform/vocabulary';
import { constituencyNamer } from '../consultation/constituencyNames';
import { createFormatters, type Formatters } from '../platform/i18n/formatters';
import type { Services } from '../services';
import { readCookie } from '../platform/http/readCookie';
import { messageLimits } from '../submissions/messageLimits';

declare module 'express-serve-static-core' {
  interface Request {
    language: Language;
  }
}

declare global {
  namespace Express {
    interface Locals {
      language: Language;
      otherLanguage: Language;
      t: Translate;
      format: Formatters;
      /** The consultation's words in the page's language. */
      consultation: Consultation;
      constituencyName: (slug: string) => string;
    }
  }
}

const cookieName = 'lang';
const oneYearMs = 365 * 24 * 60 * 60 * 1000;

/** Puts a request and its page into a language: the translator, the formatters and the consultation's words. */
type Localise = (req: Request, res: Response, language: Language) => void;

export interface I18n {
  router: Router;
  /**
   * A response form's language switch posts the form to `?switchLanguage=cy`: this puts the page
   * into that language and remembers it. True if the request was such a switch.
   */
  applyFormSwitch: (req: Request, res: Response) => boolean;
}

/** The language a response form's switch button asks for, if this request is one. */
export function formSwitchLanguage(req: Request): Language | null {
  const asked = req.query.switchLanguage;
  return isLanguage(asked) ? asked : null;
}

/**
 * Chooses the interface language: the language switch (`?lang=cy`), remembered in a cookie; then
 * that cookie; then the browser's Accept-Language on a first visit; then English.
 */
export function setUpI18n({ consultations }: Services, secureCookies: boolean): I18n {
  const catalogue = createCatalogue(messageLimits);
  const formatters = new Map(
    languages.map((language) => [language, createFormatters(language, catalogue.translatorFor(language))]),
  );
  const constituencyNamers = new Map(
    languages.map((language) => [
      language,
      constituencyNamer(consultations[language], catalogue.translatorFor(language)),
    ]),
  );

  const localise: Localise = (req, res, language) => {
    req.language = language;
    res.locals.language = language;
    res.locals.otherLanguage = language === 'en' ? 'cy' : 'en';
    res.locals.t = catalogue.translatorFor(language);
    res.locals.format = formatters.get(language)!;
    res.locals.consultation = consultations[language];
    res.locals.constituencyName = constituencyNamers.get(language)!;
  };
  const remember = (res: Response, language: Language) =>
    res.cookie(cookieName, language, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: oneYearMs,
      path: '/',
    });

  const router = Router();
  router.use((req, res, next) => {
    const switchedTo = req.query.lang;
    const remembered = readCookie(req, cookieName);
    const preferred = () => {
      const accepted = req.acceptsLanguages(...languages);
      return isLanguage(accepted) ? accepted : 'en';
    };
    const language = isLanguage(switchedTo) ? switchedTo : isLanguage(remembered) ? remembered : preferred();
    if (isLanguage(switchedTo)) remember(res, switchedTo);
    // The language comes from the cookie first, then the browser's: a cache must keep a page per both.
    res.vary('Cookie');
    res.vary('Accept-Language');
    localise(req, res, language);
    next();
  });
  const applyFormSwitch = (req: Request, res: Response): boolean => {
    const language = formSwitchLanguage(req);
    if (!language) return false;
    localise(req, res, language);
    remember(res, language);
    return true;
  };
  return { router, applyFormSwitch };
}
