// @ts-check
/** What the enhancements share for finding their way in the page and adding to it. */

let generatedIds = 0;

/** Runs `callback` once the page has been read in full (at once if it has). */
export function onReady(/** @type {() => void} */ callback) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', callback);
  else callback();
}

/** An id no other element made by these scripts has: `prefix-1`, `prefix-2`, … */
export function uniqueId(/** @type {string} */ prefix) {
  generatedIds += 1;
  return `${prefix}-${generatedIds}`;
}

/**
 * @template {keyof HTMLElementTagNameMap} TagName
 * @param {TagName} tagName
 * @param {string} [className]
 * @param {string | null} [text]
 * @returns {HTMLElementTagNameMap[TagName]}
 */
export function createElement(tagName, className, text) {
  const element = document.createElement(tagName);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}

export function addDescribedBy(/** @type {Element} */ element, /** @type {string} */ id) {
  const ids = (element.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  if (!ids.includes(id)) ids.push(id);
  element.setAttribute('aria-describedby', ids.join(' '));
}

export function removeElement(/** @type {Element} */ element) {
  if (element.parentNode) element.parentNode.removeChild(element);
}
