/*
 * Progressive enhancement for the portal's forms. Everything here only adds to pages that work
 * without it, so every feature looks for its markup hook and does nothing when it is absent.
 * Every word shown to people comes from data- attributes on the page (the site is bilingual).
 *
 * Hooks:
 *   textarea[data-max-length]           a character count below the textarea; its strings come from
 *                                       data-count-remaining / data-count-over on an ancestor (the form)
 *   form[data-upload-progress]          a progress bar while large files upload (data-progress-label)
 *   form[data-draft-key]                a draft kept in localStorage (data-draft-restored, data-draft-discard)
 *   [data-clear-draft]                  on the page after a successful submission: forgets that draft
 *   button[data-print][hidden]          shown, and prints the page (a response that came too late)
 *   .error-summary                      focused on load
 *   [data-group-only]                   parts of a response form for group respondents: hidden while
 *                                       "An individual member" is chosen, unless they hold an error or
 *                                       a kept report
 *   #<field>-group in the address       the answer a "Respond to this section" link points at: its
 *                                       folded part opened and its text box focused, label in view
 */
(function () {
  'use strict';

  const COUNT_ANNOUNCE_DELAY_MS = 1000;
  const DRAFT_SAVE_DELAY_MS = 500;
  const LARGE_UPLOAD_BYTES = 1024 * 1024;
  const PROGRESS_ANNOUNCE_STEP = 25;
  const DRAFT_SKIPPED_TYPES = ['file', 'hidden', 'password', 'submit', 'button', 'reset', 'image'];
  const DRAFT_SKIPPED_NAMES = ['_csrf', 'formToken', 'heldId', 'website'];
  const TEXT_INPUT_TYPES = ['text', 'email', 'tel', 'url', 'search', 'number'];

  let generatedIds = 0;

  function onReady(callback) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', callback);
    else callback();
  }

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  function uniqueId(prefix) {
    generatedIds += 1;
    return prefix + '-' + generatedIds;
  }

  function pageLanguage() {
    return document.documentElement.lang || undefined;
  }

  function formatNumber(number) {
    try {
      return number.toLocaleString(pageLanguage());
    } catch (error) {
      return String(number);
    }
  }

  /** Replaces {name} placeholders; unknown placeholders are left as they are. */
  function fillTemplate(template, values) {
    return template.replace(/\{(\w+)\}/g, function (placeholder, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : placeholder;
    });
  }

  /**
   * The string in `attribute`, or in `attribute-<plural category>` when the page gives one
   * (data-count-remaining-one = "You have {count} character remaining").
   */
  function pluralString(element, attribute, count) {
    let category = '';
    try {
      category = new Intl.PluralRules(pageLanguage()).select(count);
    } catch (error) {
      // No Intl.PluralRules: the general string is used.
    }
    return (category && element.getAttribute(attribute + '-' + category)) || element.getAttribute(attribute);
  }

  function addDescribedBy(element, id) {
    const ids = (element.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) === -1) ids.push(id);
    element.setAttribute('aria-describedby', ids.join(' '));
  }

  function createElement(tagName, className, text) {
    const element = document.createElement(tagName);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  /* ---------------------------------------------------------------- Character count */

  /**
   * Browsers send every line break in a textarea as CR LF, and the server counts both characters,
   * so a line break counts as two here too.
   */
  function countCharacters(text) {
    const lineBreaks = text.match(/\n/g);
    return text.length + (lineBreaks ? lineBreaks.length : 0);
  }

  function countMessage(stringHolder, remaining) {
    const count = Math.abs(remaining);
    const attribute = remaining < 0 ? 'data-count-over' : 'data-count-remaining';
    return fillTemplate(pluralString(stringHolder, attribute, count), { count: formatNumber(count) });
  }

  function setUpCharacterCount(textarea) {
    const maxLength = parseInt(textarea.getAttribute('data-max-length'), 10);
    const stringHolder = textarea.closest('[data-count-remaining][data-count-over]');
    if (!stringHolder || !(maxLength > 0)) return;

    const baseId = textarea.id || uniqueId('character-count');
    // The visible message describes the textarea (read when it gains focus) but is hidden from
    // browse mode, where the live status below already says the same.
    const message = createElement('div', 'character-count__message');
    message.id = baseId + '-count';
    message.setAttribute('aria-hidden', 'true');
    // As in the GOV.UK character count: announced only once the person pauses, not per keystroke.
    const status = createElement('div', 'character-count__status visually-hidden');
    status.setAttribute('aria-live', 'polite');
    textarea.insertAdjacentElement('afterend', message);
    message.insertAdjacentElement('afterend', status);
    addDescribedBy(textarea, message.id);

    let announceTimer = null;
    function updateMessage() {
      const remaining = maxLength - countCharacters(textarea.value);
      message.textContent = countMessage(stringHolder, remaining);
      message.classList.toggle('character-count__message--error', remaining < 0);
    }
    textarea.addEventListener('input', function () {
      updateMessage();
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(function () {
        status.textContent = message.textContent;
      }, COUNT_ANNOUNCE_DELAY_MS);
    });
    updateMessage();
  }

  function setUpCharacterCounts() {
    toArray(document.querySelectorAll('textarea[data-max-length]')).forEach(setUpCharacterCount);
  }

  /* ---------------------------------------------------------------- Upload progress */

  function submitButtons(form) {
    return toArray(form.elements).filter(function (element) {
      return element.type === 'submit' || element.type === 'image';
    });
  }

  function setButtonsDisabled(buttons, disabled) {
    buttons.forEach(function (button) {
      button.disabled = disabled;
    });
  }

  function totalFileBytes(form) {
    return toArray(form.elements).reduce(function (total, element) {
      if (element.type !== 'file' || !element.files) return total;
      return toArray(element.files).reduce(function (sum, file) {
        return sum + file.size;
      }, total);
    }, 0);
  }

  /** Where and how the browser would send the form, honouring formaction etc. on the button used. */
  function describeSubmission(form, submitter) {
    function fromSubmitter(attribute, property, fallback) {
      return submitter && submitter.hasAttribute(attribute) ? submitter[property] : fallback;
    }
    return {
      action: fromSubmitter('formaction', 'formAction', form.action),
      method: fromSubmitter('formmethod', 'formMethod', form.method).toLowerCase(),
      enctype: fromSubmitter('formenctype', 'formEnctype', form.enctype).toLowerCase(),
    };
  }

  function formDataFor(form, submitter) {
    // Not new FormData(form, submitter): older browsers ignore the second argument.
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    return data;
  }

  function withoutHash(url) {
    return url.split('#')[0];
  }

  function createProgress(form) {
    const template = form.getAttribute('data-progress-label');
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
    function show(percent) {
      bar.value = percent;
      bar.textContent = percent + '%';
      label.textContent = fillTemplate(template, { percent: formatNumber(percent) });
    }
    // The bar moves continuously; screen readers hear only every PROGRESS_ANNOUNCE_STEP percent.
    function announce(percent) {
      const step = Math.floor(percent / PROGRESS_ANNOUNCE_STEP) * PROGRESS_ANNOUNCE_STEP;
      if (step <= lastAnnounced) return;
      lastAnnounced = step;
      status.textContent = label.textContent;
    }
    show(0);
    return { element: wrapper, show: show, announce: announce };
  }

  function insertProgress(form, progress) {
    const button = form.querySelector('button[type="submit"], button:not([type]), input[type="submit"]');
    if (button) button.parentNode.insertBefore(progress.element, button);
    else form.appendChild(progress.element);
  }

  /** Shows the server's answer as if the browser had submitted the form itself. */
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

  function setUpUploadProgress(form) {
    let uploading = false;
    let letNextSubmitThrough = false;
    let pageIsHiding = false;
    window.addEventListener('pagehide', function () {
      pageIsHiding = true;
    });
    window.addEventListener('pageshow', function () {
      pageIsHiding = false;
    });

    function submitNormally(submitter) {
      if (submitter && typeof form.requestSubmit === 'function') {
        // Keeps the button's formaction (the language switch); this handler lets it through.
        letNextSubmitThrough = true;
        form.requestSubmit(submitter);
      } else {
        HTMLFormElement.prototype.submit.call(form);
      }
    }

    function upload(submission, data, submitter) {
      const buttons = submitButtons(form);
      const progress = createProgress(form);
      const xhr = new XMLHttpRequest();

      function stopUploading() {
        uploading = false;
        setButtonsDisabled(buttons, false);
        if (progress.element.parentNode) progress.element.parentNode.removeChild(progress.element);
      }

      xhr.upload.addEventListener('progress', function (event) {
        if (!event.lengthComputable) return;
        const percent = Math.floor((event.loaded / event.total) * 100);
        progress.show(percent);
        progress.announce(percent);
      });
      xhr.addEventListener('load', function () {
        showResponse(xhr, submission.action);
      });
      xhr.addEventListener('error', function () {
        // Leaving the page also ends the request; only a real failure is worth a second try.
        if (pageIsHiding) return;
        stopUploading();
        submitNormally(submitter);
      });
      xhr.addEventListener('abort', stopUploading);

      uploading = true;
      insertProgress(form, progress);
      setButtonsDisabled(buttons, true);
      xhr.open('POST', submission.action);
      xhr.send(data);
    }

    form.addEventListener('submit', function (event) {
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
      const submitter = event.submitter || null;
      const submission = describeSubmission(form, submitter);
      if (submission.method !== 'post' || submission.enctype !== 'multipart/form-data') return;
      if (totalFileBytes(form) <= LARGE_UPLOAD_BYTES) return;
      event.preventDefault();
      upload(submission, formDataFor(form, submitter), submitter);
    });
  }

  function setUpUploadProgressForms() {
    toArray(document.querySelectorAll('form[data-upload-progress][data-progress-label]')).forEach(setUpUploadProgress);
  }

  /* ---------------------------------------------------------------- Drafts */

  // Every access to localStorage can throw: private browsing, storage disabled, quota exceeded.
  function readStored(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function writeStored(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      // Nothing to do: the form still works, only the draft is not kept.
    }
  }

  function removeStored(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (error) {
      // As above.
    }
  }

  function storageAvailable() {
    const probe = 'portal-storage-probe';
    try {
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  }

  function isChoice(field) {
    return field.type === 'radio' || field.type === 'checkbox';
  }

  function isSelect(field) {
    return field.tagName === 'SELECT';
  }

  function isTypedText(field) {
    return field.tagName === 'TEXTAREA' || (field.tagName === 'INPUT' && TEXT_INPUT_TYPES.indexOf(field.type) !== -1);
  }

  function isDraftable(field) {
    return (
      ['INPUT', 'TEXTAREA', 'SELECT'].indexOf(field.tagName) !== -1 &&
      Boolean(field.name) &&
      !field.disabled &&
      DRAFT_SKIPPED_TYPES.indexOf(field.type) === -1 &&
      DRAFT_SKIPPED_NAMES.indexOf(field.name) === -1 &&
      !field.hasAttribute('data-draft-ignore')
    );
  }

  function draftableFields(form) {
    return toArray(form.elements).filter(isDraftable);
  }

  /** Field name → values, in page order: each text field's value, each chosen option or box. */
  function readFieldValues(fields) {
    const values = Object.create(null);
    fields.forEach(function (field) {
      const list = values[field.name] || (values[field.name] = []);
      if (isChoice(field)) {
        if (field.checked) list.push(field.value);
      } else if (isSelect(field) && field.multiple) {
        toArray(field.selectedOptions || []).forEach(function (option) {
          list.push(option.value);
        });
      } else {
        list.push(field.value);
      }
    });
    return values;
  }

  function hasAnyValue(values) {
    return Object.keys(values).some(function (name) {
      return values[name].some(function (value) {
        return value !== '';
      });
    });
  }

  function readDraft(key) {
    try {
      const draft = JSON.parse(readStored(key));
      return draft && typeof draft.fields === 'object' && draft.fields !== null ? draft.fields : null;
    } catch (error) {
      return null;
    }
  }

  function saveDraft(form, key) {
    const values = readFieldValues(draftableFields(form));
    if (hasAnyValue(values)) writeStored(key, JSON.stringify({ savedAt: new Date().toISOString(), fields: values }));
    else removeStored(key);
  }

  /** Tells other scripts (such as the character count) that a value changed without typing. */
  function announceChange(field) {
    field.dispatchEvent(new Event(isTypedText(field) ? 'input' : 'change', { bubbles: true }));
  }

  function restoreField(field, saved, position) {
    if (isChoice(field)) {
      field.checked = saved.indexOf(field.value) !== -1;
    } else if (isSelect(field) && field.multiple) {
      toArray(field.options).forEach(function (option) {
        option.selected = saved.indexOf(option.value) !== -1;
      });
    } else if (typeof saved[position] === 'string') {
      const hasOption = !isSelect(field) || toArray(field.options).some(function (option) {
        return option.value === saved[position];
      });
      if (hasOption) field.value = saved[position];
    }
  }

  /** Puts the draft back; returns the fields it touched. */
  function restoreDraft(form, values) {
    const positions = {};
    const restored = [];
    draftableFields(form).forEach(function (field) {
      const saved = values[field.name];
      if (!Array.isArray(saved)) return;
      const position = positions[field.name] || 0;
      positions[field.name] = position + 1;
      restoreField(field, saved, position);
      restored.push(field);
      // Answers by section sit in a <details>: open it, as the server does, so nothing is hidden.
      const details = field.closest('details');
      if (details && isTypedText(field) && field.value !== '') details.open = true;
    });
    restored.forEach(announceChange);
    return restored;
  }

  function resetFields(fields) {
    fields.forEach(function (field) {
      if (isChoice(field)) {
        field.checked = field.defaultChecked;
      } else if (isSelect(field)) {
        toArray(field.options).forEach(function (option) {
          option.selected = option.defaultSelected;
        });
      } else {
        field.value = field.defaultValue;
      }
    });
    fields.forEach(announceChange);
  }

  function showDraftNotice(form, onDiscard) {
    const notice = createElement('div', 'draft-notice');
    const text = createElement('p', 'draft-notice__text');
    const button = createElement('button', 'button button--secondary draft-notice__button', form.getAttribute('data-draft-discard'));
    notice.setAttribute('role', 'status');
    button.type = 'button';
    notice.appendChild(text);
    notice.appendChild(button);
    form.insertBefore(notice, form.firstChild);
    // A status region is announced when its content changes, so the words go in after the region.
    window.setTimeout(function () {
      text.textContent = form.getAttribute('data-draft-restored');
    }, 100);
    button.addEventListener('click', function () {
      notice.parentNode.removeChild(notice);
      onDiscard();
    });
  }

  function setUpDraft(form) {
    const key = form.getAttribute('data-draft-key');
    let saveTimer = null;

    function saveNow() {
      window.clearTimeout(saveTimer);
      saveTimer = null;
      saveDraft(form, key);
    }
    function saveSoon() {
      window.clearTimeout(saveTimer);
      saveTimer = window.setTimeout(saveNow, DRAFT_SAVE_DELAY_MS);
    }
    function saveIfPending() {
      if (saveTimer !== null) saveNow();
    }

    const draft = readDraft(key);
    // Text already in the form means the server sent back what the person submitted (after a
    // mistake, or a change of language): that is newer than any draft.
    const typedAlready = draftableFields(form).some(function (field) {
      return isTypedText(field) && field.value !== '';
    });
    if (draft && !typedAlready) {
      const restored = restoreDraft(form, draft);
      showDraftNotice(form, function () {
        resetFields(restored);
        // Resetting fires input events, which would schedule a save of the emptied form.
        window.clearTimeout(saveTimer);
        saveTimer = null;
        removeStored(key);
        const first = draftableFields(form)[0];
        if (first) first.focus();
      });
    }

    form.addEventListener('input', saveSoon);
    form.addEventListener('change', saveSoon);
    form.addEventListener('submit', saveIfPending);
    // A tab closed within the save delay keeps its last words too.
    window.addEventListener('pagehide', saveIfPending);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') saveIfPending();
    });
  }

  function setUpDrafts() {
    toArray(document.querySelectorAll('[data-clear-draft]')).forEach(function (element) {
      removeStored(element.getAttribute('data-clear-draft'));
    });
    const forms = toArray(document.querySelectorAll('form[data-draft-key][data-draft-restored][data-draft-discard]'));
    if (forms.length > 0 && storageAvailable()) forms.forEach(setUpDraft);
  }

  /* ---------------------------------------------------------------- Error summary */

  function focusErrorSummary() {
    const summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  }

  /* ---------------------------------------------------------------- Group-only fields */

  function setUpGroupOnlyFields() {
    const parts = toArray(document.querySelectorAll('[data-group-only]'));
    const choices = toArray(document.querySelectorAll('input[type=radio][name=respondentType]'));
    if (parts.length === 0 || choices.length === 0) return;
    // A part with something to fix or a report still attached stays, whoever is responding.
    const mustStay = function (part) {
      return part.querySelector('.form-group--error, input[name=removeReport]') !== null;
    };
    const update = function () {
      const chosen = choices.filter(function (choice) {
        return choice.checked;
      })[0];
      const individual = chosen !== undefined && chosen.value === 'individual';
      parts.forEach(function (part) {
        part.hidden = individual && !mustStay(part);
      });
    };
    choices.forEach(function (choice) {
      choice.addEventListener('change', update);
    });
    update();
  }

  /* ---------------------------------------------------------------- Landing on an answer */

  function focusLinkedAnswer() {
    const match = /^#([\w-]+-group)$/.exec(window.location.hash);
    const group = match ? document.getElementById(match[1]) : null;
    const field = group ? group.querySelector('textarea') : null;
    if (!field) return;
    // Browsers that do not open a folded part for the address's target leave the answer hidden.
    const folded = group.closest('details');
    if (folded && !folded.open) folded.open = true;
    group.scrollIntoView();
    field.focus({ preventScroll: true });
  }

  /* ---------------------------------------------------------------- Print button */

  function setUpPrintButtons() {
    toArray(document.querySelectorAll('button[data-print]')).forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        window.print();
      });
    });
  }

  onReady(function () {
    // Drafts first, so the character counts start from the restored text.
    setUpDrafts();
    setUpCharacterCounts();
    setUpUploadProgressForms();
    setUpGroupOnlyFields();
    setUpPrintButtons();
    // The error summary wins: a form shown again with mistakes is about them, not the link.
    if (document.querySelector('.error-summary')) focusErrorSummary();
    // After the browser's own move to the address's target, which would take the focus back.
    else if (document.readyState === 'complete') focusLinkedAnswer();
    else window.addEventListener('load', focusLinkedAnswer);
  });
})();
