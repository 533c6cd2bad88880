// @ts-check
/**
 * form[data-draft-key][data-draft-restored][data-draft-discard]: what the person types is kept in
 * localStorage under the key, and put back, with a notice and a button to discard it, when they
 * come back to the form. [data-clear-draft] (on the page after a successful submission) forgets
 * the draft it names. A form opened from a draft saved on the server ([data-draft-server]) is never
 * filled from localStorage: the server's copy is the one that lasts and may hold another person's
 * changes, so its values win; what is typed on it is still kept locally as it is typed.
 */
import { createElement, removeElement } from './dom.js';
import { hasAnyValue, isTypedText, keptFields, readFieldValues, resetFields, restoreFields } from './formFields.js';
import { readStored, removeStored, storageAvailable, writeStored } from './storage.js';

const DRAFT_SAVE_DELAY_MS = 500;

/** @returns {Record<string, unknown> | null} */
function readDraft(/** @type {string} */ key) {
  const stored = readStored(key);
  if (stored === null) return null;
  try {
    /** @type {unknown} */
    const draft = JSON.parse(stored);
    if (typeof draft !== 'object' || draft === null || !('fields' in draft)) return null;
    const { fields } = draft;
    return typeof fields === 'object' && fields !== null ? /** @type {Record<string, unknown>} */ (fields) : null;
  } catch {
    return null;
  }
}

function saveDraft(/** @type {HTMLFormElement} */ form, /** @type {string} */ key) {
  const values = readFieldValues(keptFields(form));
  if (hasAnyValue(values)) writeStored(key, JSON.stringify({ savedAt: new Date().toISOString(), fields: values }));
  else removeStored(key);
}

function showDraftNotice(/** @type {HTMLFormElement} */ form, /** @type {() => void} */ onDiscard) {
  const notice = createElement('div', 'draft-notice');
  const text = createElement('p', 'draft-notice__text');
  const button = createElement(
    'button',
    'button button--secondary draft-notice__button',
    form.getAttribute('data-draft-discard'),
  );
  notice.setAttribute('role', 'status');
  button.type = 'button';
  notice.appendChild(text);
  notice.appendChild(button);
  form.insertBefore(notice, form.firstChild);
  // A status region is announced when its content changes, so the words go in after the region.
  window.setTimeout(() => {
    text.textContent = form.getAttribute('data-draft-restored');
  }, 100);
  button.addEventListener('click', () => {
    removeElement(notice);
    onDiscard();
  });
}

function setUpDraft(/** @type {HTMLFormElement} */ form) {
  const key = form.getAttribute('data-draft-key') || '';
  /** @type {number | null} */
  let saveTimer = null;

  const cancelSave = () => {
    if (saveTimer !== null) window.clearTimeout(saveTimer);
    saveTimer = null;
  };
  const saveNow = () => {
    cancelSave();
    saveDraft(form, key);
  };
  const saveSoon = () => {
    cancelSave();
    saveTimer = window.setTimeout(saveNow, DRAFT_SAVE_DELAY_MS);
  };
  const saveIfPending = () => {
    if (saveTimer !== null) saveNow();
  };

  const draft = readDraft(key);
  // Text already in the form means the server sent back what the person submitted (after a
  // mistake, or a change of language): that is newer than any draft.
  const typedAlready = keptFields(form).some((field) => isTypedText(field) && field.value !== '');
  if (draft && !typedAlready && !form.hasAttribute('data-draft-server')) {
    const restored = restoreFields(form, draft);
    showDraftNotice(form, () => {
      resetFields(restored);
      // Resetting fires input events, which would schedule a save of the emptied form.
      cancelSave();
      removeStored(key);
      const first = keptFields(form)[0];
      if (first) first.focus();
    });
  }

  form.addEventListener('input', saveSoon);
  form.addEventListener('change', saveSoon);
  form.addEventListener('submit', saveIfPending);
  // A tab closed within the save delay keeps its last words too.
  window.addEventListener('pagehide', saveIfPending);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') saveIfPending();
  });
}

export function setUpDrafts() {
  document.querySelectorAll('[data-clear-draft]').forEach((element) => {
    removeStored(element.getAttribute('data-clear-draft') || '');
  });
  const forms = Array.from(
    document.querySelectorAll('form[data-draft-key][data-draft-restored][data-draft-discard]'),
  ).filter((form) => form instanceof HTMLFormElement);
  if (forms.length > 0 && storageAvailable()) forms.forEach(setUpDraft);
}
