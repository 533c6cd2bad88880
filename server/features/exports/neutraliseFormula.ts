/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). The
 * full-width forms are included because Apple Numbers normalises them to the ASCII ones.
 */
const formulaTrigger = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes an apostrophe to a text cell a spreadsheet would otherwise evaluate. Not for numbers. */
export function neutraliseFormula(cell: string): string {
  return formulaTrigger.test(cell) ? `'${cell}` : cell;
}
