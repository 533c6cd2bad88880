// @ts-check
/**
 * form[data-upload-progress][data-progress-label]: a progress bar while large files upload. The
 * form is sent by XMLHttpRequest only to watch its progress; the answer is shown as the browser
 * would have shown it.
 */
import { createElement, removeElement, uniqueId } from './dom.js';
import { fillTemplate, formatNumber } from './pageText.js';

const LARGE_UPLOAD_BYTES = 1024 * 1024;
const PROGRESS_ANNOUNCE_STEP = 25;

/** @typedef {HTMLButtonElement | HTMLInputElement} SubmitButton */
/** @typedef {{ action: string, method: string, enctype: string }} Submission */

/**
 * @param {Element} element
 * @returns {element is SubmitButton}
 */
function isSubmitButton(element) {
  return (
    (element instanceof HTMLButtonElement || element instanceof HTMLInputElement) &&
    (element.type === 'submit' || element.type === 'image')
  );
}

/** @returns {SubmitButton[]} */
function submitButtons(/** @type {HTMLFormElement} */ form) {
  return Array.from(form.elements).filter(isSubmitButton);
}

function setButtonsDisabled(/** @type {SubmitButton[]} */ buttons, /** @type {boolean} */ disabled) {
  for (const button of buttons) button.disabled = disabled;
}

function totalFileBytes(/** @type {HTMLFormElement} */ form) {
  let total = 0;
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement) || element.type !== 'file' || !element.files) continue;
    for (const file of Array.from(element.files)) total += file.size;
  }
  return total;
}

/**
 * Where and how the browser would send the form, honouring formaction etc. on the button used.
 * @param {HTMLFormElement} form
 * @param {SubmitButton | null} submitter
 * @returns {Submission}
 */
function describeSubmission(form, submitter) {
  /** @type {(attribute: string, fromButton: (button: SubmitButton) => string, fallback: string) => string} */
  const fromSubmitter = (attribute, fromButton, fallback) =>
    submitter && submitter.hasAttribute(attribute) ? fromButton(submitter) : fallback;
  return {
    action: fromSubmitter('formaction', (button) => button.formAction, form.action),
    method: fromSubmitter('formmethod', (button) => button.formMethod, form.method).toLowerCase(),
    enctype: fromSubmitter('formenctype', (button) => button.formEnctype, form.enctype).toLowerCase(),
  };
}

function formDataFor(/** @type {HTMLFormElement} */ form, /** @type {SubmitButton | null} */ submitter) {
  // Not new FormData(form, submitter): older browsers ignore the second argument.
  const data = new FormData(form);
  if (submitter && submitter.name) data.append(submitter.name, submitter.value);
  return data;
}

function withoutHash(/** @type {string} */ url) {
  return url.split('#')[0];
}

function createProgress(/** @type {HTMLFormElement} */ form) {
  const template = form.getAttribute('data-progress-label') || '';
  const wrapper = createElement('div', 'upload-progress');
  const label = createElement('label', 'upload-progress__label');
  const bar = createElement('progress', 'upload-progress__bar');
  const status = createElement('div', 'upload-progress__status visually-hidden');
  bar.id = uniqueId('upload-progress');
  bar.max = 100;
  bar.value = 0;
  label.htmlFor = bar.id;
  status.setAttribute('role', 'status');
  wrapper.appendChild(label);
  wrapper.appendChild(bar);
  wrapper.appendChild(status);

  let lastAnnounced = -1;
  const show = (/** @type {number} */ percent) => {
    bar.value = percent;
    bar.textContent = `${percent}%`;
    label.textContent = fillTemplate(template, { percent: formatNumber(percent) });
  };
  // The bar moves continuously; screen readers hear only every PROGRESS_ANNOUNCE_STEP percent.
  const announce = (/** @type {number} */ percent) => {
    const step = Math.floor(percent / PROGRESS_ANNOUNCE_STEP) * PROGRESS_ANNOUNCE_STEP;
    if (step <= lastAnnounced) return;
    lastAnnounced = step;
    status.textContent = label.textContent;
  };
  show(0);
  return { element: wrapper, show, announce };
}

function insertProgress(/** @type {HTMLFormElement} */ form, /** @type {HTMLElement} */ progress) {
  const button = form.querySelector('button[type="submit"], button:not([type]), input[type="submit"]');
  if (button && button.parentNode) button.parentNode.insertBefore(progress, button);
  else form.appendChild(progress);
}

/**
 * Shows the server's answer as if the browser had submitted the form itself.
 * @param {XMLHttpRequest} xhr
 * @param {string} requestedUrl
 */
function showResponse(xhr, requestedUrl) {
  if (xhr.responseURL && withoutHash(xhr.responseURL) !== withoutHash(requestedUrl)) {
    // A redirect was followed (to the confirmation page): go there for real.
    window.location.assign(xhr.responseURL);
    return;
  }
  // The form came back (corrections needed, or an error page). document.write is not eval, so
  // the CSP allows it, and the page's own CSP still governs the written document: its
  // <script src> tags run again, and listeners from this page are discarded by document.open.
  document.open();
  document.write(xhr.responseText);
  document.close();
}

function setUpUploadProgress(/** @type {HTMLFormElement} */ form) {
  let uploading = false;
  let letNextSubmitThrough = false;
  let pageIsHiding = false;
  window.addEventListener('pagehide', () => {
    pageIsHiding = true;
  });
  window.addEventListener('pageshow', () => {
    pageIsHiding = false;
  });

  const submitNormally = (/** @type {SubmitButton | null} */ submitter) => {
    if (submitter && typeof form.requestSubmit === 'function') {
      // Keeps the button's formaction (the language switch); this handler lets it through.
      letNextSubmitThrough = true;
      form.requestSubmit(submitter);
    } else {
      HTMLFormElement.prototype.submit.call(form);
    }
  };

  /**
   * @param {Submission} submission
   * @param {FormData} data
   * @param {SubmitButton | null} submitter
   */
  const upload = (submission, data, submitter) => {
    const buttons = submitButtons(form);
    const progress = createProgress(form);
    const xhr = new XMLHttpRequest();

    const stopUploading = () => {
      uploading = false;
      setButtonsDisabled(buttons, false);
      removeElement(progress.element);
    };

    xhr.upload.addEventListener('progress', (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.floor((event.loaded / event.total) * 100);
      progress.show(percent);
      progress.announce(percent);
    });
    xhr.addEventListener('load', () => {
      showResponse(xhr, submission.action);
    });
    xhr.addEventListener('error', () => {
      // Leaving the page also ends the request; only a real failure is worth a second try.
      if (pageIsHiding) return;
      stopUploading();
      submitNormally(submitter);
    });
    xhr.addEventListener('abort', stopUploading);

    uploading = true;
    insertProgress(form, progress.element);
    setButtonsDisabled(buttons, true);
    xhr.open('POST', submission.action);
    xhr.send(data);
  };

  form.addEventListener('submit', (event) => {
    if (letNextSubmitThrough) {
      letNextSubmitThrough = false;
      return;
    }
    if (uploading) {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) return;
    // Without SubmitEvent.submitter (older Safari) the button used, and so its formaction (the
    // language switch), cannot be known: let the browser send the form itself.
    if (event.submitter === undefined && submitButtons(form).length > 1) return;
    const submitter = event.submitter && isSubmitButton(event.submitter) ? event.submitter : null;
    const submission = describeSubmission(form, submitter);
    if (submission.method !== 'post' || submission.enctype !== 'multipart/form-data') return;
    if (totalFileBytes(form) <= LARGE_UPLOAD_BYTES) return;
    event.preventDefault();
    upload(submission, formDataFor(form, submitter), submitter);
  });
}

export function setUpUploadProgressForms() {
  document.querySelectorAll('form[data-upload-progress][data-progress-label]').forEach((form) => {
    if (form instanceof HTMLFormElement) setUpUploadProgress(form);
  });
}
