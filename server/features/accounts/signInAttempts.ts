import { z } from 'zod';
import type { AuditEntry } from '../../platform/audit/auditRepository';
import type { AuditLog } from '../../platform/audit/auditLog';
import { maxEmailLength } from '../../platform/vocabulary';

/** Why a sign-in failed. */
export const signInFailures = { wrongDetails: 'wrong details', throttled: 'throttled' } as const;
export type SignInFailure = (typeof signInFailures)[keyof typeof signInFailures];

/** What a refused sign-in records instead of what was typed in the email box, when that was no address. */
const unnamedSignIns = { noEmail: '(no email given)', notAnEmail: '(not an email address)' } as const;
export type UnnamedSignIn = keyof typeof unnamedSignIns;

const emailSchema = z.email();

function couldBeAnAddress(text: string): boolean {
  return text.length <= maxEmailLength && emailSchema.safeParse(text).success;
}

/**
 * Who a refused sign-in was for: the email address typed, if it could be one, and otherwise only
 * whether anything was typed. People type their password into the email box, and a row must not
 * keep that, nor grow with whatever a script sends.
 */
export function signInAttemptName(typed: string): string {
  const address = typed.trim().toLowerCase();
  if (address === '') return unnamedSignIns.noEmail;
  return couldBeAnAddress(address) ? address : unnamedSignIns.notAnEmail;
}

/** For a refused sign-in that named no address, which kind it was; null for any other entry. */
export function unnamedSignInOf(entry: AuditEntry): UnnamedSignIn | null {
  if (entry.action !== 'sign-in-failed') return null;
  // Rows written before names were checked may hold anything, so each is checked again here.
  if (entry.actor === unnamedSignIns.noEmail) return 'noEmail';
  return couldBeAnAddress(entry.actor) ? null : 'notAnEmail';
}

/** A refused sign-in, in the audit log under the address typed if it could be one (see `signInAttemptName`). */
export function recordRefusedSignIn(audit: AuditLog, typedEmail: string, reason: SignInFailure): void {
  audit.record({ officerId: null, name: signInAttemptName(typedEmail) }, 'sign-in-failed', null, reason);
}
