// @ts-check
/** A form's fields as a draft sees them: which are worth keeping, their values, putting them back. */

const TEXT_INPUT_TYPES = ['text', 'email', 'tel', 'url', 'search', 'number'];
const UNKEPT_TYPES = ['file', 'hidden', 'password', 'submit', 'button', 'reset', 'image'];

/** @typedef {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} FormField */
/** @typedef {Record<string, string[]>} FieldValues field name → values, in page order */

/**
 * @param {FormField} field
 * @returns {field is HTMLInputElement}
 */
function isChoice(field) {
  return field.type === 'radio' || field.type === 'checkbox';
}

export function isTypedText(/** @type {FormField} */ field) {
  return (
    field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && TEXT_INPUT_TYPES.includes(field.type))
  );
}

/**
 * @param {Element} element
 * @returns {element is FormField}
 */
function isKept(element) {
  return (
    (element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement) &&
    Boolean(element.name) &&
    !element.disabled &&
    !UNKEPT_TYPES.includes(element.type) &&
    !element.hasAttribute('data-draft-ignore')
  );
}

/** The fields a draft keeps: named, enabled, typed or chosen by the person, and not marked data-draft-ignore. */
export function keptFields(/** @type {HTMLFormElement} */ form) {
  return Array.from(form.elements).filter(isKept);
}

/** Each text field's value, each chosen option or box. */
export function readFieldValues(/** @type {FormField[]} */ fields) {
  // No prototype, so that a field named like an Object method (toString) is still just a field.
  /** @type {FieldValues} */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- Object.create is typed any.
  const values = Object.create(null);
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

export function hasAnyValue(/** @type {FieldValues} */ values) {
  return Object.keys(values).some((name) => (values[name] || []).some((value) => value !== ''));
}

/** Tells other scripts (such as the character count) that a value changed without typing. */
function announceChange(/** @type {FormField} */ field) {
  field.dispatchEvent(new Event(isTypedText(field) ? 'input' : 'change', { bubbles: true }));
}

/**
 * @param {FormField} field
 * @param {unknown[]} saved the values kept for the field's name
 * @param {number} position which of the fields of that name this is
 */
function restoreField(field, saved, position) {
  const value = saved[position];
  if (isChoice(field)) {
    field.checked = saved.includes(field.value);
  } else if (field instanceof HTMLSelectElement && field.multiple) {
    for (const option of Array.from(field.options)) option.selected = saved.includes(option.value);
  } else if (typeof value === 'string') {
    const hasOption =
      !(field instanceof HTMLSelectElement) || Array.from(field.options).some((option) => option.value === value);
    if (hasOption) field.value = value;
  }
}

/**
 * Puts kept values back; returns the fields it touched.
 * @param {HTMLFormElement} form
 * @param {Readonly<Record<string, unknown>>} values as read back from storage, so not trusted to be well formed
 */
export function restoreFields(form, values) {
  /** @type {Map<string, number>} */
  const positions = new Map();
  /** @type {FormField[]} */
  const restored = [];
  for (const field of keptFields(form)) {
    const saved = values[field.name];
    if (!Array.isArray(saved)) continue;
    const position = positions.get(field.name) || 0;
    positions.set(field.name, position + 1);
    restoreField(field, saved, position);
    restored.push(field);
    // Answers by section sit in a <details>: open it, as the server does, so nothing is hidden.
    const details = field.closest('details');
    if (details && isTypedText(field) && field.value !== '') details.open = true;
  }
  restored.forEach(announceChange);
  return restored;
}

/** Puts the fields back as the page first had them. */
export function resetFields(/** @type {FormField[]} */ fields) {
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
