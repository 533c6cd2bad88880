import i18next, { type TOptions } from 'i18next';
import cy from './cy.json';
import en from './en.json';

export const supportedLanguages = ['en', 'cy'] as const;
export type Language = (typeof supportedLanguages)[number];

/** A message by its key, with the values it interpolates (and `count` for plurals). */
export type Translate = (key: string, options?: TOptions) => string;

/** A stored language code as one the interface speaks, falling back to English. */
export function asLanguage(code: string): Language {
  return (supportedLanguages as readonly string[]).includes(code) ? (code as Language) : 'en';
}

// More than the catalogue holds, so every message fits; keys built from stored values cannot grow it without bound.
const mostRemembered = 4096;

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
  // Not getFixedT: its translator copies all of i18next's settings on every call, which made each
  // message cost several times the lookup itself. A page asks for dozens of messages without
  // values, so those are remembered; messages with values go through i18next every time.
  const translators = new Map(
    supportedLanguages.map((language): [Language, Translate] => {
      const plain = new Map<string, string>();
      const translate: Translate = (key, options) => {
        if (options !== undefined) return instance.t(key, { ...options, lng: language });
        let text = plain.get(key);
        if (text === undefined) {
          text = instance.t(key, { lng: language });
          if (plain.size < mostRemembered) plain.set(key, text);
        }
        return text;
      };
      return [language, translate];
    }),
  );
  return { translatorFor: (language) => translators.get(language)! };
}
