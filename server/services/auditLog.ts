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

/** Records who did what and when. Entries are never changed or removed. */
export class AuditLog {
  constructor(
    private readonly repository: AuditRepository,
    private readonly clock: Clock,
  ) {}

  record(actor: Actor, action: AuditAction, submissionReference: string | null = null, detail = ''): void {
    this.repository.append({ at: this.clock.now(), officerId: actor.officerId, actor: actor.name, action, submissionReference, detail });
  }

  /** After an erasure: the entries about that submission keep what happened, but no content. */
  forgetContentOf(submissionReference: string): void {
    this.repository.clearDetailsOf(submissionReference);
  }

  page(beforeId: number = Number.MAX_SAFE_INTEGER, limit = 100): AuditEntry[] {
    return this.repository.page(beforeId, limit);
  }
}
