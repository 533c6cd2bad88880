import { DateTime } from 'luxon';
import { LONDON } from '../../config';
import type { Actor } from '../../platform/audit/auditLog';

export type ScheduledDigestKind = 'weekly' | 'daily' | 'closes-tomorrow' | 'closing-summary';

export interface DigestSlot {
  readonly kind: ScheduledDigestKind;
  readonly at: Date;
  /** Names the slot uniquely, so that it can be sent only once. */
  readonly slot: string;
}

export interface DigestScheduleSettings {
  /** London hour of the weekly and daily digests. */
  readonly hour: number;
  /** 1 (Monday) to 7 (Sunday). */
  readonly weekday: number;
  /** Daily, not weekly, for this many days before the deadline. */
  readonly dailyForDays: number;
}

/** The closing summary goes this long after the deadline, once the last responses are in. */
export const closingSummaryDelayMs = 5 * 60 * 1000;

type Window = { opensAt: Date; closesAt: Date };

/** The weekly and daily slots from `from` (exclusive) to `to` (inclusive). */
function recurringSlots(window: Window, settings: DigestScheduleSettings, from: Date, to: Date): DigestSlot[] {
  const closesAt = DateTime.fromJSDate(window.closesAt, { zone: LONDON });
  const dailyFrom = closesAt.minus({ days: settings.dailyForDays });
  const slots: DigestSlot[] = [];
  const firstDay = DateTime.fromJSDate(new Date(Math.max(from.getTime(), window.opensAt.getTime())), {
    zone: LONDON,
  }).startOf('day');
  const lastDay = DateTime.fromJSDate(new Date(Math.min(to.getTime(), window.closesAt.getTime())), {
    zone: LONDON,
  }).startOf('day');
  for (let day = firstDay; day <= lastDay; day = day.plus({ days: 1 })) {
    const at = day.set({ hour: settings.hour });
    if (at.toMillis() <= from.getTime() || at.toMillis() > to.getTime()) continue;
    if (at.toMillis() < window.opensAt.getTime() || at > closesAt) continue;
    if (at > dailyFrom) slots.push({ kind: 'daily', at: at.toJSDate(), slot: `daily ${day.toISODate()}` });
    else if (at.weekday === settings.weekday)
      slots.push({ kind: 'weekly', at: at.toJSDate(), slot: `weekly ${day.toISODate()}` });
  }
  return slots;
}

/** The "closes tomorrow" digest 24 hours before the deadline, and the closing summary just after it. */
function oneOffSlots(window: Window, from: Date, to: Date): DigestSlot[] {
  const closesAt = window.closesAt.getTime();
  return [
    { kind: 'closes-tomorrow' as const, at: new Date(closesAt - 24 * 60 * 60 * 1000), slot: 'closes-tomorrow' },
    { kind: 'closing-summary' as const, at: new Date(closesAt + closingSummaryDelayMs), slot: 'closing-summary' },
  ].filter((slot) => slot.at.getTime() > from.getTime() && slot.at.getTime() <= to.getTime());
}

const byTime = (a: DigestSlot, b: DigestSlot) => a.at.getTime() - b.at.getTime();

/**
 * Every digest slot from `from` (exclusive) to `to` (inclusive): weekly at the set hour London
 * time while the consultation is open, daily in its final days, a "closes tomorrow" digest 24
 * hours before the deadline, and a closing summary just after it. London time throughout, so
 * 08:00 stays 08:00 across the changes between GMT and BST.
 */
export function slotsBetween(window: Window, settings: DigestScheduleSettings, from: Date, to: Date): DigestSlot[] {
  return [...recurringSlots(window, settings, from, to), ...oneOffSlots(window, from, to)].sort(byTime);
}

/**
 * The digest to send now, if any: the latest slot that has come since the last one sent. Slots
 * missed while the server was down are not sent one by one: only the latest is, marked late.
 */
export function dueSlot(
  window: Window,
  settings: DigestScheduleSettings,
  lastSlotAt: Date | null,
  now: Date,
): DigestSlot | null {
  const since = lastSlotAt ?? new Date(0);
  // Recurring slots are at most a week apart, so the latest of them is within the last eight days.
  const recentSince = new Date(Math.max(since.getTime(), now.getTime() - 8 * 24 * 60 * 60 * 1000));
  return (
    [...recurringSlots(window, settings, recentSince, now), ...oneOffSlots(window, since, now)].sort(byTime).at(-1) ??
    null
  );
}

/** The digests the portal sends by itself, when they fall due. */
export const digestSchedule: Actor = { officerId: null, name: 'digest schedule' };
