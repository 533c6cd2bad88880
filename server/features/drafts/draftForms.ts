import { z } from 'zod';
import type { FieldError } from '../../platform/forms/fieldError';
import { firstString } from '../../submissions/responseForm';
import { responseLimits } from '../../submissions/vocabulary';
import type { DraftReference } from '../../web/intake/responseFormPage';

/** The address a draft's link goes to: the form's own email field. */
const draftEmail = z
  .string()
  .trim()
  .min(1, 'drafts.errors.email.missing')
  .max(responseLimits.email, 'respond.errors.email.tooLong')
  .pipe(z.email('respond.errors.email.invalid'));

/** The address to send a draft's link to, or the message to show at the email field. */
export function readDraftEmail(value: unknown): { email: string } | { error: FieldError } {
  const parsed = draftEmail.safeParse(firstString(value));
  return parsed.success
    ? { email: parsed.data }
    : { error: { field: 'email', key: parsed.error.issues[0]?.message ?? 'respond.errors.email.invalid' } };
}

/** The draft a posted form says it was opened from, if it says so in a shape the portal makes. */
export function draftReferenceIn(body: Record<string, unknown>): DraftReference | null {
  const token = firstString(body.draftToken);
  const version = firstString(body.draftVersion);
  if (token === '' || !/^\d{1,9}$/.test(version)) return null;
  return { token, version: Number(version) };
}
