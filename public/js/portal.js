// Built from client/ by npm run build:client: edit those files, not this one.
"use strict";
(() => {
  // client/arrivalFocus.js
  function focusLinkedAnswer() {
    const match = /^#([\w-]+-group)$/.exec(window.location.hash);
    const group = match && match[1] ? document.getElementById(match[1]) : null;
    const field = group ? group.querySelector("textarea") : null;
    if (!group || !field) return;
    const folded = group.closest("details");
    if (folded && !folded.open) folded.open = true;
    group.scrollIntoView();
    field.focus({ preventScroll: true });
  }
  function focusOnArrival() {
    const summary = document.querySelector(".error-summary");
    if (summary instanceof HTMLElement) summary.focus();
    else if (document.readyState === "complete") focusLinkedAnswer();
    else window.addEventListener("load", focusLinkedAnswer);
  }

  // client/dom.js
  var generatedIds = 0;
  function onReady(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }
  function uniqueId(prefix) {
    generatedIds += 1;
    return `${prefix}-${generatedIds}`;
  }
  function createElement(tagName, className, text) {
    const element = document.createElement(tagName);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }
  function addDescribedBy(element, id) {
    const ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!ids.includes(id)) ids.push(id);
    element.setAttribute("aria-describedby", ids.join(" "));
  }
  function removeElement(element) {
    if (element.parentNode) element.parentNode.removeChild(element);
  }

  // client/pageText.js
  function pageLanguage() {
    return document.documentElement.lang || void 0;
  }
  function formatNumber(number) {
    try {
      return number.toLocaleString(pageLanguage());
    } catch (error) {
      return String(number);
    }
  }
  function fillTemplate(template, values) {
    return template.replace(
      /\{(\w+)\}/g,
      (placeholder, name) => Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : placeholder
    );
  }
  function pluralString(element, attribute, count) {
    let category = "";
    try {
      category = new Intl.PluralRules(pageLanguage()).select(count);
    } catch (error) {
    }
    return category && element.getAttribute(`${attribute}-${category}`) || element.getAttribute(attribute) || "";
  }

  // client/characterCount.js
  var COUNT_ANNOUNCE_DELAY_MS = 1e3;
  function countCharacters(text) {
    const lineBreaks = text.match(/\n/g);
    return text.length + (lineBreaks ? lineBreaks.length : 0);
  }
  function countMessage(stringHolder, remaining) {
    const count = Math.abs(remaining);
    const attribute = remaining < 0 ? "data-count-over" : "data-count-remaining";
    return fillTemplate(pluralString(stringHolder, attribute, count), { count: formatNumber(count) });
  }
  function setUpCharacterCount(textarea) {
    const maxLength = parseInt(textarea.getAttribute("data-max-length") || "", 10);
    const stringHolder = textarea.closest("[data-count-remaining][data-count-over]");
    if (!stringHolder || !(maxLength > 0)) return;
    const baseId = textarea.id || uniqueId("character-count");
    const message = createElement("div", "character-count__message");
    message.id = `${baseId}-count`;
    message.setAttribute("aria-hidden", "true");
    const status = createElement("div", "character-count__status visually-hidden");
    status.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", message);
    message.insertAdjacentElement("afterend", status);
    addDescribedBy(textarea, message.id);
    let announceTimer;
    const updateMessage = () => {
      const remaining = maxLength - countCharacters(textarea.value);
      message.textContent = countMessage(stringHolder, remaining);
      message.classList.toggle("character-count__message--error", remaining < 0);
    };
    textarea.addEventListener("input", () => {
      updateMessage();
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(() => {
        status.textContent = message.textContent;
      }, COUNT_ANNOUNCE_DELAY_MS);
    });
    updateMessage();
  }
  function setUpCharacterCounts() {
    document.querySelectorAll("textarea[data-max-length]").forEach((textarea) => {
      if (textarea instanceof HTMLTextAreaElement) setUpCharacterCount(textarea);
    });
  }

  // client/formFields.js
  var TEXT_INPUT_TYPES = ["text", "email", "tel", "url", "search", "number"];
  var UNKEPT_TYPES = ["file", "hidden", "password", "submit", "button", "reset", "image"];
  function isChoice(field) {
    return field.type === "radio" || field.type === "checkbox";
  }
  function isTypedText(field) {
    return field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement && TEXT_INPUT_TYPES.includes(field.type);
  }
  function isKept(element) {
    return (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) && Boolean(element.name) && !element.disabled && !UNKEPT_TYPES.includes(element.type) && !element.hasAttribute("data-draft-ignore");
  }
  function keptFields(form) {
    return Array.from(form.elements).filter(isKept);
  }
  function readFieldValues(fields) {
    const values = /* @__PURE__ */ Object.create(null);
    for (const field of fields) {
      const list = values[field.name] || (values[field.name] = []);
      if (isChoice(field)) {
        if (field.checked) list.push(field.value);
      } else if (field instanceof HTMLSelectElement && field.multiple) {
        for (const option of Array.from(field.selectedOptions || [])) list.push(option.value);
      } else {
        list.push(field.value);
      }
    }
    return values;
  }
  function hasAnyValue(values) {
    return Object.keys(values).some((name) => (values[name] || []).some((value) => value !== ""));
  }
  function announceChange(field) {
    field.dispatchEvent(new Event(isTypedText(field) ? "input" : "change", { bubbles: true }));
  }
  function restoreField(field, saved, position) {
    const value = saved[position];
    if (isChoice(field)) {
      field.checked = saved.includes(field.value);
    } else if (field instanceof HTMLSelectElement && field.multiple) {
      for (const option of Array.from(field.options)) option.selected = saved.includes(option.value);
    } else if (typeof value === "string") {
      const hasOption = !(field instanceof HTMLSelectElement) || Array.from(field.options).some((option) => option.value === value);
      if (hasOption) field.value = value;
    }
  }
  function restoreFields(form, values) {
    const positions = /* @__PURE__ */ new Map();
    const restored = [];
    for (const field of keptFields(form)) {
      const saved = values[field.name];
      if (!Array.isArray(saved)) continue;
      const position = positions.get(field.name) || 0;
      positions.set(field.name, position + 1);
      restoreField(field, saved, position);
      restored.push(field);
      const details = field.closest("details");
      if (details && isTypedText(field) && field.value !== "") details.open = true;
    }
    restored.forEach(announceChange);
    return restored;
  }
  function resetFields(fields) {
    for (const field of fields) {
      if (isChoice(field)) {
        field.checked = field.defaultChecked;
      } else if (field instanceof HTMLSelectElement) {
        for (const option of Array.from(field.options)) option.selected = option.defaultSelected;
      } else {
        field.value = field.defaultValue;
      }
    }
    fields.forEach(announceChange);
  }

  // client/storage.js
  function storageAvailable() {
    const probe = "portal-storage-probe";
    try {
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  }
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
    }
  }
  function removeStored(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (error) {
    }
  }

  // client/drafts.js
  var DRAFT_SAVE_DELAY_MS = 500;
  function readDraft(key) {
    const stored = readStored(key);
    if (stored === null) return null;
    try {
      const draft = JSON.parse(stored);
      return draft && typeof draft.fields === "object" && draft.fields !== null ? draft.fields : null;
    } catch (error) {
      return null;
    }
  }
  function saveDraft(form, key) {
    const values = readFieldValues(keptFields(form));
    if (hasAnyValue(values)) writeStored(key, JSON.stringify({ savedAt: (/* @__PURE__ */ new Date()).toISOString(), fields: values }));
    else removeStored(key);
  }
  function showDraftNotice(form, onDiscard) {
    const notice = createElement("div", "draft-notice");
    const text = createElement("p", "draft-notice__text");
    const button = createElement("button", "button button--secondary draft-notice__button", form.getAttribute("data-draft-discard"));
    notice.setAttribute("role", "status");
    button.type = "button";
    notice.appendChild(text);
    notice.appendChild(button);
    form.insertBefore(notice, form.firstChild);
    window.setTimeout(() => {
      text.textContent = form.getAttribute("data-draft-restored");
    }, 100);
    button.addEventListener("click", () => {
      removeElement(notice);
      onDiscard();
    });
  }
  function setUpDraft(form) {
    const key = form.getAttribute("data-draft-key") || "";
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
    const typedAlready = keptFields(form).some((field) => isTypedText(field) && field.value !== "");
    if (draft && !typedAlready) {
      const restored = restoreFields(form, draft);
      showDraftNotice(form, () => {
        resetFields(restored);
        cancelSave();
        removeStored(key);
        const first = keptFields(form)[0];
        if (first) first.focus();
      });
    }
    form.addEventListener("input", saveSoon);
    form.addEventListener("change", saveSoon);
    form.addEventListener("submit", saveIfPending);
    window.addEventListener("pagehide", saveIfPending);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") saveIfPending();
    });
  }
  function setUpDrafts() {
    document.querySelectorAll("[data-clear-draft]").forEach((element) => {
      removeStored(element.getAttribute("data-clear-draft") || "");
    });
    const forms = Array.from(document.querySelectorAll("form[data-draft-key][data-draft-restored][data-draft-discard]")).filter(
      (form) => form instanceof HTMLFormElement
    );
    if (forms.length > 0 && storageAvailable()) forms.forEach(setUpDraft);
  }

  // client/groupOnlyFields.js
  function mustStay(part) {
    return part.querySelector(".form-group--error, input[name=removeReport]") !== null;
  }
  function setUpGroupOnlyFields() {
    const parts = Array.from(document.querySelectorAll("[data-group-only]")).filter((part) => part instanceof HTMLElement);
    const choices = Array.from(document.querySelectorAll("input[type=radio][name=respondentType]")).filter(
      (choice) => choice instanceof HTMLInputElement
    );
    if (parts.length === 0 || choices.length === 0) return;
    const update = () => {
      const chosen = choices.find((choice) => choice.checked);
      for (const part of parts) {
        part.hidden = chosen !== void 0 && chosen.value === part.getAttribute("data-group-only") && !mustStay(part);
      }
    };
    for (const choice of choices) choice.addEventListener("change", update);
    update();
  }

  // client/printButtons.js
  function setUpPrintButtons() {
    document.querySelectorAll("button[data-print]").forEach((button) => {
      if (!(button instanceof HTMLButtonElement)) return;
      button.hidden = false;
      button.addEventListener("click", () => {
        window.print();
      });
    });
  }

  // client/uploadProgress.js
  var LARGE_UPLOAD_BYTES = 1024 * 1024;
  var PROGRESS_ANNOUNCE_STEP = 25;
  function isSubmitButton(element) {
    return (element instanceof HTMLButtonElement || element instanceof HTMLInputElement) && (element.type === "submit" || element.type === "image");
  }
  function submitButtons(form) {
    return Array.from(form.elements).filter(isSubmitButton);
  }
  function setButtonsDisabled(buttons, disabled) {
    for (const button of buttons) button.disabled = disabled;
  }
  function totalFileBytes(form) {
    let total = 0;
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement) || element.type !== "file" || !element.files) continue;
      for (const file of Array.from(element.files)) total += file.size;
    }
    return total;
  }
  function describeSubmission(form, submitter) {
    const fromSubmitter = (attribute, fromButton, fallback) => submitter && submitter.hasAttribute(attribute) ? fromButton(submitter) : fallback;
    return {
      action: fromSubmitter("formaction", (button) => button.formAction, form.action),
      method: fromSubmitter("formmethod", (button) => button.formMethod, form.method).toLowerCase(),
      enctype: fromSubmitter("formenctype", (button) => button.formEnctype, form.enctype).toLowerCase()
    };
  }
  function formDataFor(form, submitter) {
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    return data;
  }
  function withoutHash(url) {
    return url.split("#")[0];
  }
  function createProgress(form) {
    const template = form.getAttribute("data-progress-label") || "";
    const wrapper = createElement("div", "upload-progress");
    const label = createElement("label", "upload-progress__label");
    const bar = createElement("progress", "upload-progress__bar");
    const status = createElement("div", "upload-progress__status visually-hidden");
    bar.id = uniqueId("upload-progress");
    bar.max = 100;
    bar.value = 0;
    label.htmlFor = bar.id;
    status.setAttribute("role", "status");
    wrapper.appendChild(label);
    wrapper.appendChild(bar);
    wrapper.appendChild(status);
    let lastAnnounced = -1;
    const show = (percent) => {
      bar.value = percent;
      bar.textContent = `${percent}%`;
      label.textContent = fillTemplate(template, { percent: formatNumber(percent) });
    };
    const announce = (percent) => {
      const step = Math.floor(percent / PROGRESS_ANNOUNCE_STEP) * PROGRESS_ANNOUNCE_STEP;
      if (step <= lastAnnounced) return;
      lastAnnounced = step;
      status.textContent = label.textContent;
    };
    show(0);
    return { element: wrapper, show, announce };
  }
  function insertProgress(form, progress) {
    const button = form.querySelector('button[type="submit"], button:not([type]), input[type="submit"]');
    if (button && button.parentNode) button.parentNode.insertBefore(progress, button);
    else form.appendChild(progress);
  }
  function showResponse(xhr, requestedUrl) {
    if (xhr.responseURL && withoutHash(xhr.responseURL) !== withoutHash(requestedUrl)) {
      window.location.assign(xhr.responseURL);
      return;
    }
    document.open();
    document.write(xhr.responseText);
    document.close();
  }
  function setUpUploadProgress(form) {
    let uploading = false;
    let letNextSubmitThrough = false;
    let pageIsHiding = false;
    window.addEventListener("pagehide", () => {
      pageIsHiding = true;
    });
    window.addEventListener("pageshow", () => {
      pageIsHiding = false;
    });
    const submitNormally = (submitter) => {
      if (submitter && typeof form.requestSubmit === "function") {
        letNextSubmitThrough = true;
        form.requestSubmit(submitter);
      } else {
        HTMLFormElement.prototype.submit.call(form);
      }
    };
    const upload = (submission, data, submitter) => {
      const buttons = submitButtons(form);
      const progress = createProgress(form);
      const xhr = new XMLHttpRequest();
      const stopUploading = () => {
        uploading = false;
        setButtonsDisabled(buttons, false);
        removeElement(progress.element);
      };
      xhr.upload.addEventListener("progress", (event) => {
        if (!event.lengthComputable) return;
        const percent = Math.floor(event.loaded / event.total * 100);
        progress.show(percent);
        progress.announce(percent);
      });
      xhr.addEventListener("load", () => {
        showResponse(xhr, submission.action);
      });
      xhr.addEventListener("error", () => {
        if (pageIsHiding) return;
        stopUploading();
        submitNormally(submitter);
      });
      xhr.addEventListener("abort", stopUploading);
      uploading = true;
      insertProgress(form, progress.element);
      setButtonsDisabled(buttons, true);
      xhr.open("POST", submission.action);
      xhr.send(data);
    };
    form.addEventListener("submit", (event) => {
      if (letNextSubmitThrough) {
        letNextSubmitThrough = false;
        return;
      }
      if (uploading) {
        event.preventDefault();
        return;
      }
      if (event.defaultPrevented) return;
      if (event.submitter === void 0 && submitButtons(form).length > 1) return;
      const submitter = event.submitter && isSubmitButton(event.submitter) ? event.submitter : null;
      const submission = describeSubmission(form, submitter);
      if (submission.method !== "post" || submission.enctype !== "multipart/form-data") return;
      if (totalFileBytes(form) <= LARGE_UPLOAD_BYTES) return;
      event.preventDefault();
      upload(submission, formDataFor(form, submitter), submitter);
    });
  }
  function setUpUploadProgressForms() {
    document.querySelectorAll("form[data-upload-progress][data-progress-label]").forEach((form) => {
      if (form instanceof HTMLFormElement) setUpUploadProgress(form);
    });
  }

  // client/portal.js
  function enhancePage() {
    setUpDrafts();
    setUpCharacterCounts();
    setUpUploadProgressForms();
    setUpGroupOnlyFields();
    setUpPrintButtons();
    focusOnArrival();
  }
  onReady(enhancePage);
})();
