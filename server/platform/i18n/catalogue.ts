import i18next from 'i18next';
import cy from './cy.json';
import en from './en.json';
import { languages, locales, type Language } from '../vocabulary';

/**
 * A number a message writes as its language writes numbers: an amount such as 50,000, or a limit's
 * size in bytes, in megabytes, such as 10 MB. A plain number is put in as it is, digit for digit.
 */
export type Quantity = { readonly amount: number } | { readonly bytes: number };

/** What a message puts in its {{placeholders}}; `count` also chooses its plural form. */
export type MessageValues = Readonly<Record<string, string | number | Quantity>>;

/** A message by its key, with the values it interpolates (and `count` for plurals). */
export type Translate = (key: string, values?: MessageValues) => string;

// More than the catalogue holds, so every message fits; keys built from stored values cannot grow it without bound.
const mostRemembered = 4096;

const placeholder = /\{\{\s*(\w+)\s*\}\}/g;
/** A message of the catalogue's own inside another, such as `$t(fileKinds.{{detectedKind}})`. */
const nestedMessage = /\$t\(([^()]*)\)/g;
const messageKey = /^[\w.-]+$/;

const bytesInMegabyte = 1024 * 1024;

/** Puts the values in a message's placeholders, in one pass: what is put in is never read again. */
function fillPlaceholders(
  template: string,
  values: MessageValues,
  writeQuantity: (quantity: Quantity) => string,
): string {
  return template.replace(placeholder, (unfilled, name: string) => {
    const value = values[name];
    if (value === undefined) return unfilled;
    return typeof value === 'object' ? writeQuantity(value) : String(value);
  });
}

/**
 * The interface's message catalogue. Every piece of interface text comes from here.
 *
 * `standingValues` fill the placeholders no caller fills, such as the limits a message states
 * ({{maxName}}): each is defined where its rule is, and the catalogue never writes one out.
 *
 * i18next finds each message and its plural form, and nothing more: the portal fills in the
 * values itself, after the catalogue's own nested messages are in place. i18next would read a
 * value for nested messages and placeholders along with the message, so a file named
 * "$t(errors.csrf.title).pdf" garbled the message it was named in. Values here are people's
 * names, file names and group names, and are never interpreted.
 */
export function createCatalogue(standingValues: MessageValues = {}): { translatorFor(language: Language): Translate } {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: 'en',
    fallbackLng: false,
    resources: { en: { translation: en }, cy: { translation: cy } } satisfies Record<Language, object>,
    returnNull: false,
  });

  /** A message with its nested messages in place and its placeholders still empty. */
  const template = (language: Language, key: string, values: MessageValues): string => {
    const { count } = values;
    const text = instance.t(key, {
      lng: language,
      skipInterpolation: true,
      ...(typeof count === 'number' ? { count } : {}),
    });
    return text.replace(nestedMessage, (_nesting, nestedKey: string) => {
      const filledKey = fillPlaceholders(nestedKey, values, () => '');
      return messageKey.test(filledKey) ? template(language, filledKey, values) : '';
    });
  };

  // Not getFixedT: its translator copies all of i18next's settings on every call, which made each
  // message cost several times the lookup itself. A page asks for dozens of messages without
  // values, so those are remembered; messages with values are looked up every time.
  const translators = new Map(
    languages.map((language): [Language, Translate] => {
      const plain = new Map<string, string>();
      // Limits are whole or near it: 10 MB, not 10.0 MB.
      const numbers = new Intl.NumberFormat(locales[language], { maximumFractionDigits: 1 });
      const writeQuantity = (quantity: Quantity): string =>
        'amount' in quantity
          ? numbers.format(quantity.amount)
          : fillPlaceholders(
              template(language, 'size.megabytes', {}),
              { size: numbers.format(quantity.bytes / bytesInMegabyte) },
              writeQuantity,
            );
      const translate: Translate = (key, values) => {
        if (values !== undefined) {
          const allValues = { ...standingValues, ...values };
          return fillPlaceholders(template(language, key, allValues), allValues, writeQuantity);
        }
        let text = plain.get(key);
        if (text === undefined) {
          text = fillPlaceholders(template(language, key, standingValues), standingValues, writeQuantity);
          if (plain.size < mostRemembered) plain.set(key, text);
        }
        return text;
      };
      return [language, translate];
    }),
  );
  return { translatorFor: (language) => translators.get(language)! };
}
