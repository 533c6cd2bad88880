// @ts-check
/**
 * Where the focus lands when a page opens: on the error summary (.error-summary) when there is
 * one, as a form shown again with mistakes is about them; otherwise on the answer a "Respond to
 * this section" link points at (#<field>-group in the address), its folded part opened and its
 * label in view.
 */

function focusLinkedAnswer() {
  const match = /^#([\w-]+-group)$/.exec(window.location.hash);
  const group = match && match[1] ? document.getElementById(match[1]) : null;
  const field = group ? group.querySelector('textarea') : null;
  if (!group || !field) return;
  // Browsers that do not open a folded part for the address's target leave the answer hidden.
  const folded = group.closest('details');
  if (folded && !folded.open) folded.open = true;
  group.scrollIntoView();
  field.focus({ preventScroll: true });
}

export function focusOnArrival() {
  const summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
  // After the browser's own move to the address's target, which would take the focus back.
  else if (document.readyState === 'complete') focusLinkedAnswer();
  else window.addEventListener('load', focusLinkedAnswer);
}
