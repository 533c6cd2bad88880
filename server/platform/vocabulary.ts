/**
 * The languages the portal speaks, English first: its interface, its consultation's words, its
 * emails and the responses it keeps. The one list of them, which code and templates read.
 */
export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];

/** The language a page, email or response is in when nothing says otherwise. */
export const defaultLanguage: Language = languages[0];

/** The longest email address there can be: what fits in a mail server's MAIL and RCPT commands (RFC 5321). */
export const maxEmailLength = 254;

/** Each language's locale, for dates and numbers as they are written in Wales. */
export const locales: Readonly<Record<Language, string>> = { en: 'en-GB', cy: 'cy-GB' };

/** Each language's name for itself, as the language switch offers it. */
export const ownNames: Readonly<Record<Language, string>> = { en: 'English', cy: 'Cymraeg' };

/** Whether `text` is one of a vocabulary's words, as that vocabulary's type. */
export function isOneOf<T extends string>(words: readonly T[], text: unknown): text is T {
  return typeof text === 'string' && (words as readonly string[]).includes(text);
}

export function isLanguage(value: unknown): value is Language {
  return isOneOf(languages, value);
}

/** A stored language code as one the interface speaks, falling back to the default. */
export function asLanguage(code: string): Language {
  return isLanguage(code) ? code : defaultLanguage;
}
