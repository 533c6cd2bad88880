import type { TimeOverride } from '../config';
import type { Consultation } from '../content/consultation';
import type { Clock } from './clock';

export type WindowState = 'not-yet-open' | 'open' | 'closed';

export interface WindowStatus {
  readonly state: WindowState;
  readonly opensAt: Date;
  readonly closesAt: Date;
  /** The consultation's own deadline, shown even when a setting overrides it. */
  readonly publishedClosesAt: Date;
  /** The settings in force that change the published times, for the notice on every page. */
  readonly overrides: { readonly opensAt: string | null; readonly closesAt: string | null };
  readonly millisecondsLeft: number;
}

/** Decides whether responses are accepted now: the consultation's dates, unless a setting overrides them. */
export class ConsultationWindow {
  constructor(
    private readonly consultation: Consultation,
    private readonly clock: Clock,
    private readonly opensAtOverride: TimeOverride | null,
    private readonly closesAtOverride: TimeOverride | null,
  ) {}

  status(): WindowStatus {
    const now = this.clock.now().getTime();
    const opensAt = this.opensAtOverride?.instant ?? this.consultation.opensAt;
    const closesAt = this.closesAtOverride?.instant ?? this.consultation.closesAt;
    const state: WindowState =
      now < opensAt.getTime() ? 'not-yet-open' : now <= closesAt.getTime() ? 'open' : 'closed';
    return {
      state,
      opensAt,
      closesAt,
      publishedClosesAt: this.consultation.closesAt,
      overrides: {
        opensAt: this.opensAtOverride?.setting ?? null,
        closesAt: this.closesAtOverride?.setting ?? null,
      },
      millisecondsLeft: Math.max(0, closesAt.getTime() - now),
    };
  }

  isOpen(): boolean {
    return this.status().state === 'open';
  }
}
