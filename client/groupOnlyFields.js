// @ts-check
/**
 * [data-group-only="<respondent types>"]: a part of a response form for groups, hidden while a
 * respondent type it does not name (an individual member) is chosen, unless it holds an error or
 * a kept report. Without JavaScript every part is shown.
 */

/** A part with something to fix or a report still attached stays, whoever is responding. */
function mustStay(/** @type {HTMLElement} */ part) {
  return part.querySelector('.form-group--error, input[name=removeReport]') !== null;
}

export function setUpGroupOnlyFields() {
  const parts = Array.from(document.querySelectorAll('[data-group-only]')).filter(
    (part) => part instanceof HTMLElement,
  );
  const choices = Array.from(document.querySelectorAll('input[type=radio][name=respondentType]')).filter(
    (choice) => choice instanceof HTMLInputElement,
  );
  if (parts.length === 0 || choices.length === 0) return;
  const update = () => {
    const chosen = choices.find((choice) => choice.checked);
    for (const part of parts) {
      const groupTypes = (part.getAttribute('data-group-only') ?? '').split(' ');
      part.hidden = chosen !== undefined && !groupTypes.includes(chosen.value) && !mustStay(part);
    }
  };
  for (const choice of choices) choice.addEventListener('change', update);
  update();
}
