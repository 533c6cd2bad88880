// @ts-check
/** button[data-print][hidden]: shown, and prints the page (a response that came too late, to keep). */

export function setUpPrintButtons() {
  document.querySelectorAll('button[data-print]').forEach((button) => {
    if (!(button instanceof HTMLButtonElement)) return;
    button.hidden = false;
    button.addEventListener('click', () => {
      window.print();
    });
  });
}
