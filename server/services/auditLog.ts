import { z } from 'zod';
import type { AuditEntry, AuditRepository } from '../db/auditRepository';
import type { Clock } from './clock';

export const auditActions = [
  'signed-in',
  'sign-in-failed',
  'signed-out',
  'officer-added',
  'officer-disabled',
  'officer-enabled',
  'password-reset',
  'exported',
  'status-changed',
  'note-added',
  'tag-added',
  'tag-removed',
  'entry-recorded',
  'erased',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Who did something: an officer, or someone at the command line. */
export interface Actor {
  readonly officerId: number | null;
  readonly name: string;
}

export const commandLine: Actor = { officerId: null, name: 'command line' };

/** What a refused sign-in records instead of what was typed in the email box, when that was no address. */
const unnamedSignIns = { noEmail: '(no email given)', notAnEmail: '(not an email address)' } as const;
export type UnnamedSignIn = keyof typeof unnamedSignIns;

/** RFC 5321's limit on an address's length: anything longer was never anyone's address. */
const maxEmailLength = 254;
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

/** An entry as the log is shown: a refused sign-in that named no address says which kind it was. */
export interface ShownAuditEntry extends AuditEntry {
  readonly unnamedSignIn: UnnamedSignIn | null;
}

function unnamedSignInOf(entry: AuditEntry): UnnamedSignIn | null {
  if (entry.action !== 'sign-in-failed') return null;
  // Rows written before names were checked may hold anything, so each is checked again here.
  if (entry.actor === unnamedSignIns.noEmail) return 'noEmail';
  return couldBeAnAddress(entry.actor) ? null : 'notAnEmail';
}

/** Records who did what and when. Entries are never changed or removed. */
export class AuditLog {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  record(actor: Actor, action: AuditAction, submissionReference: string | null = null, detail = ''): void {
    this.repository.append({ at: this.clock.now(), officerId: actor.officerId, actor: actor.name, action, submissionReference, detail });
  }

  /** A refused sign-in, under the address typed if it could be one (see `signInAttemptName`). */
  recordRefusedSignIn(typedEmail: string, reason: 'wrong details' | 'throttled'): void {
    this.record({ officerId: null, name: signInAttemptName(typedEmail) }, 'sign-in-failed', null, reason);
  }

  /** After an erasure: the entries about that submission keep what happened, but no content. */
  forgetContentOf(submissionReference: string): void {
    this.repository.clearDetailsOf(submissionReference);
  }

  page(beforeId: number = Number.MAX_SAFE_INTEGER, limit = 100): ShownAuditEntry[] {
    return this.repository.page(beforeId, limit).map((entry) => ({ ...entry, unnamedSignIn: unnamedSignInOf(entry) }));
  }
}
