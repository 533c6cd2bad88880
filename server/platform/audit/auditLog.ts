import { DateTime } from 'luxon';
import { LONDON } from '../../config';
import type { AuditEntry, AuditRepository } from './auditRepository';
import type { Clock } from '../time/clock';

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
  'unit-added',
  'unit-changed',
  'unit-deleted',
  'units-imported',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Who did something: an officer, or someone at the command line. */
export interface Actor {
  readonly officerId: number | null;
  readonly name: string;
}

export const commandLine: Actor = { officerId: null, name: 'command line' };

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
