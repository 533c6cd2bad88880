import type { TimeOverride } from '../config';
import type { Consultation } from './consultation';
import type { Clock } from '../platform/time/clock';

export type WindowState = 'not-yet-open' | 'open' | 'closed';

/** Whether a response may be stored now: before the close, after it within the grace period, or not at all. */
export type Admission = 'on-time' | 'late' | 'refused';

/** The form warns how long is left from this long before the close. */
export const closingSoonMs = 30 * 60 * 1000;

export interface WindowStatus {
  readonly state: WindowState;
  /** When this status was worked out. */
  readonly at: Date;
  readonly opensAt: Date;
  readonly closesAt: Date;
  /** The consultation's own deadline, shown even when a setting overrides it. */
  readonly publishedClosesAt: Date;
  /** The settings in force that change the published times, for the notice on every page. */
  readonly overrides: { readonly opensAt: string | null; readonly closesAt: string | null };
  readonly millisecondsLeft: number;
  /** Open, with the close less than `closingSoonMs` away. */
  readonly closingSoon: boolean;
  /** The last moment a response from a form opened before the close is still accepted. */
  readonly lateResponsesUntil: Date;
}

/** Decides whether responses are accepted now: the consultation's dates, unless a setting overrides them. */
export class ConsultationWindow {
  constructor(
    private readonly consultation: Consultation,
    private readonly clock: Clock,
    private readonly opensAtOverride: TimeOverride | null,
    private readonly closesAtOverride: TimeOverride | null,
    private readonly lateResponseGraceMs: number,
  ) {}

  status(): WindowStatus {
    const at = this.clock.now();
    const now = at.getTime();
    const opensAt = this.opensAtOverride?.instant ?? this.consultation.opensAt;
    const closesAt = this.closesAtOverride?.instant ?? this.consultation.closesAt;
    const state: WindowState = now < opensAt.getTime() ? 'not-yet-open' : now <= closesAt.getTime() ? 'open' : 'closed';
    const millisecondsLeft = Math.max(0, closesAt.getTime() - now);
    return {
      state,
      at,
      opensAt,
      closesAt,
      publishedClosesAt: this.consultation.closesAt,
      overrides: {
        opensAt: this.opensAtOverride?.setting ?? null,
        closesAt: this.closesAtOverride?.setting ?? null,
      },
      millisecondsLeft,
      closingSoon: state === 'open' && millisecondsLeft <= closingSoonMs,
      lateResponsesUntil: new Date(closesAt.getTime() + this.lateResponseGraceMs),
    };
  }

  isOpen(): boolean {
    return this.status().state === 'open';
  }

  /**
   * Whether a response whose form was opened at `formOpenedAt` may be stored now. Someone who
   * opened the form before the close and sends it within the grace period after it is still
   * heard: the deadline passing while they write must not throw their response away.
   */
  admission(formOpenedAt: Date): Admission {
    const { state, at, closesAt, lateResponsesUntil } = this.status();
    if (state === 'open') return 'on-time';
    const openedBeforeClose = formOpenedAt.getTime() <= closesAt.getTime();
    return state === 'closed' && openedBeforeClose && at.getTime() <= lateResponsesUntil.getTime() ? 'late' : 'refused';
  }
}
