// @ts-check
/**
 * textarea[data-max-length]: a character count below the textarea. Its strings come from
 * data-count-remaining / data-count-over (and their plural forms) on an ancestor, the form.
 */
import { addDescribedBy, createElement, uniqueId } from './dom.js';
import { fillTemplate, formatNumber, pluralString } from './pageText.js';

const COUNT_ANNOUNCE_DELAY_MS = 1000;

/**
 * Browsers send every line break in a textarea as CR LF, and the server counts both characters,
 * so a line break counts as two here too.
 */
function countCharacters(/** @type {string} */ text) {
  const lineBreaks = text.match(/\n/g);
  return text.length + (lineBreaks ? lineBreaks.length : 0);
}

function countMessage(/** @type {Element} */ stringHolder, /** @type {number} */ remaining) {
  const count = Math.abs(remaining);
  const attribute = remaining < 0 ? 'data-count-over' : 'data-count-remaining';
  return fillTemplate(pluralString(stringHolder, attribute, count), { count: formatNumber(count) });
}

function setUpCharacterCount(/** @type {HTMLTextAreaElement} */ textarea) {
  const maxLength = parseInt(textarea.getAttribute('data-max-length') || '', 10);
  const stringHolder = textarea.closest('[data-count-remaining][data-count-over]');
  if (!stringHolder || !(maxLength > 0)) return;

  const baseId = textarea.id || uniqueId('character-count');
  // The visible message describes the textarea (read when it gains focus) but is hidden from
  // browse mode, where the live status below already says the same.
  const message = createElement('div', 'character-count__message');
  message.id = `${baseId}-count`;
  message.setAttribute('aria-hidden', 'true');
  // As in the GOV.UK character count: announced only once the person pauses, not per keystroke.
  const status = createElement('div', 'character-count__status visually-hidden');
  status.setAttribute('aria-live', 'polite');
  textarea.insertAdjacentElement('afterend', message);
  message.insertAdjacentElement('afterend', status);
  addDescribedBy(textarea, message.id);

  /** @type {number | undefined} */
  let announceTimer;
  const updateMessage = () => {
    const remaining = maxLength - countCharacters(textarea.value);
    message.textContent = countMessage(stringHolder, remaining);
    message.classList.toggle('character-count__message--error', remaining < 0);
  };
  textarea.addEventListener('input', () => {
    updateMessage();
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(() => {
      status.textContent = message.textContent;
    }, COUNT_ANNOUNCE_DELAY_MS);
  });
  updateMessage();
}

export function setUpCharacterCounts() {
  document.querySelectorAll('textarea[data-max-length]').forEach((textarea) => {
    if (textarea instanceof HTMLTextAreaElement) setUpCharacterCount(textarea);
  });
}
