import i18next, { type TFunction } from 'i18next';
import cy from './cy.json';
import en from './en.json';

export const supportedLanguages = ['en', 'cy'] as const;
export type Language = (typeof supportedLanguages)[number];

export type Translate = TFunction;

/** A stored language code as one the interface speaks, falling back to English. */
export function asLanguage(code: string): Language {
  return (supportedLanguages as readonly string[]).includes(code) ? (code as Language) : 'en';
}

/** The interface's message catalogue. Every piece of interface text comes from here. */
export function createCatalogue(): { translatorFor(language: Language): Translate } {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: 'en',
    fallbackLng: false,
    resources: { en: { translation: en }, cy: { translation: cy } },
    // Views escape everything they print, so the catalogue must not escape it a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return { translatorFor: (language) => instance.getFixedT(language) };
}
