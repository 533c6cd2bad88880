import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L or U: a reference is read out over the phone and copied from paper.
const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomBlock(length: number): string {
  let block = '';
  for (let i = 0; i < length; i += 1) block += alphabet[randomInt(alphabet.length)];
  return block;
}

/** A reference such as S2-7KQ4-M9XD: about 39 bits of randomness, so one cannot be guessed from another. */
export function newReference(prefix: string): string {
  return `${prefix}-${randomBlock(4)}-${randomBlock(4)}`;
}

export const referencePattern = /^[A-Z0-9]{1,6}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

const typedReference = new RegExp(`^([A-Z0-9]{1,6})?([${alphabet}]{4})([${alphabet}]{4})$`);

/**
 * The reference someone means, typed as people type one: in lower case, with spaces or other
 * dashes for the hyphens or none at all, with the prefix or without it (then `prefix` is meant).
 * Null if the text cannot be a reference.
 */
export function referenceTyped(text: string, prefix: string): string | null {
  const match = typedReference.exec(text.toUpperCase().replace(/[\s\-\u2010-\u2015]+/g, ''));
  return match ? `${match[1] ?? prefix}-${match[2]}-${match[3]}` : null;
}
