import en from '../../platform/i18n/en.json';
import type { Translate } from '../../platform/i18n/catalogue';

type Messages = { readonly [key: string]: string | Messages };

function keysOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : keysOf(value, `${prefix}${key}.`),
  );
}

/** The respond form's messages that speak to the respondent, each with the officer's wording under admin.entry.respondent. */
const reworded = new Set(keysOf(en.admin.entry.respondent).map((key) => `respond.${key}`));

/**
 * The translator of the officer's pages that show the respond form's fields (the entry form, a
 * submission's page): where the public form says "Your full name" to the respondent, the officer
 * reads "The respondent's full name".
 */
export function officerWording(t: Translate): Translate {
  return (key, options) =>
    t(reworded.has(key) ? `admin.entry.respondent.${key.slice('respond.'.length)}` : key, options);
}
