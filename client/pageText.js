// @ts-check
/** Words for people, in the page's language: the site is bilingual, so they come from the page. */

function pageLanguage() {
  return document.documentElement.lang || undefined;
}

export function formatNumber(/** @type {number} */ number) {
  try {
    return number.toLocaleString(pageLanguage());
  } catch {
    return String(number);
  }
}

/**
 * Replaces {name} placeholders; unknown placeholders are left as they are.
 * @param {string} template
 * @param {Readonly<Record<string, string>>} values
 */
export function fillTemplate(template, values) {
  return template.replace(/\{(\w+)\}/g, (placeholder, /** @type {string} */ name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : placeholder,
  );
}

/**
 * The string in `attribute`, or in `attribute-<plural category>` when the page gives one
 * (data-count-remaining-one = "You have {count} character remaining").
 * @param {Element} element
 * @param {string} attribute
 * @param {number} count
 */
export function pluralString(element, attribute, count) {
  let category = '';
  try {
    category = new Intl.PluralRules(pageLanguage()).select(count);
  } catch {
    // No Intl.PluralRules: the general string is used.
  }
  return (category && element.getAttribute(`${attribute}-${category}`)) || element.getAttribute(attribute) || '';
}
