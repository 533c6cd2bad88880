import { DateTime } from 'luxon';
import { z } from 'zod';
import { LONDON } from '../../config';
import type { AuditEntry, AuditRepository } from './auditRepository';
import type { Clock } from '../time/clock';
import { maxEmailLength } from '../vocabulary';

export const auditActions = [
  'signed-in',
  'sign-in-failed',
  'signed-out',
  'officer-added',
  'officer-disabled',
  'officer-enabled',
  'password-reset',
  'exported',
  'report-downloaded',
  'status-changed',
  'note-added',
  'tag-added',
  'tag-removed',
  'entry-recorded',
  'erased',
  'digest-sent',
  'digest-opted-in',
  'digest-opted-out',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Who did something: an officer, or someone at the command line. */
export interface Actor {
  readonly officerId: number | null;
  readonly name: string;
}

export const commandLine: Actor = { officerId: null, name: 'command line' };
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
/** The digests the portal sends by itself, when they fall due. */
export const digestSchedule: Actor = { officerId: null, name: 'digest schedule' };

/** What the audit log page is narrowed to; null means any. Days are London days, YYYY-MM-DD, inclusive. */
export interface AuditFilter {
  readonly officerId: number | null;
  readonly action: AuditAction | null;
  readonly fromDay: string | null;
  readonly toDay: string | null;
}

/** The instant a London day starts. */
const startOfLondonDay = (day: string) => DateTime.fromISO(day, { zone: LONDON }).toUTC().toISO()!;

/** Records who did what and when. Entries are never changed or removed. */
export class AuditLog {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  record(actor: Actor, action: AuditAction, submissionReference: string | null = null, detail = ''): void {
    this.repository.append({
      at: this.clock.now(),
      officerId: actor.officerId,
      actor: actor.name,
      action,
      submissionReference,
      detail,
    });
  }

  /** A refused sign-in, under the address typed if it could be one (see `signInAttemptName`). */
  recordRefusedSignIn(typedEmail: string, reason: SignInFailure): void {
    this.record({ officerId: null, name: signInAttemptName(typedEmail) }, 'sign-in-failed', null, reason);
  }

  /** After an erasure: the entries about that submission keep what happened, but no content. */
  forgetContentOf(submissionReference: string): void {
    this.repository.clearDetailsOf(submissionReference);
  }

  /** The newest entries matching the filter before the entry `beforeId`, newest first. */
  page(filter: AuditFilter, beforeId: number = Number.MAX_SAFE_INTEGER, limit = 100): AuditEntry[] {
    const { officerId, action, fromDay, toDay } = filter;
    const from = fromDay === null ? null : startOfLondonDay(fromDay);
    const until = toDay === null ? null : startOfLondonDay(DateTime.fromISO(toDay).plus({ days: 1 }).toISODate()!);
    return this.repository.page({ officerId, action, from, until }, beforeId, limit);
  }
}
