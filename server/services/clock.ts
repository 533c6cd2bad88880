import { LONDON } from '../config';

/** Where the portal's business rules get the time from, so that tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const londonDate = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit' });
const hourMs = 60 * 60 * 1000;
let lastHour = Number.NaN;
let lastDay = '';

/**
 * The London calendar day of an instant, YYYY-MM-DD. Every response asks for its day, and asking
 * a time-zone formatter costs microseconds each time; London's days start on the hour in UTC,
 * so the answer for the hour the last instant was in is kept.
 */
export function londonDay(instant: Date): string {
  const hour = Math.floor(instant.getTime() / hourMs);
  if (hour !== lastHour) {
    const parts = Object.fromEntries(londonDate.formatToParts(instant).map((part) => [part.type, part.value]));
    lastDay = `${parts.year}-${parts.month}-${parts.day}`;
    lastHour = hour;
  }
  return lastDay;
}
