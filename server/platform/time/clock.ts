import { LONDON } from '../../config';

/** Where the portal's business rules get the time from, so that tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
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

const londonWallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
});
let prefixHour = Number.NaN;
let hourPrefix = '';

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));

/**
 * London time of an instant, YYYY-MM-DD HH:MM:SS, as an export writes a million of them. London's
 * offset from UTC is whole hours and changes only on the hour in UTC, so the date and hour are
 * worked out once for each hour, and the minutes and seconds are the same as in UTC.
 */
export function londonDateTime(instant: Date): string {
  const time = instant.getTime();
  const hour = Math.floor(time / hourMs);
  if (hour !== prefixHour) {
    const parts = Object.fromEntries(londonWallClock.formatToParts(instant).map((part) => [part.type, part.value]));
    hourPrefix = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:`;
    prefixHour = hour;
  }
  const secondsIntoHour = Math.floor((time - hour * hourMs) / 1000);
  return `${hourPrefix}${twoDigits(Math.floor(secondsIntoHour / 60))}:${twoDigits(secondsIntoHour % 60)}`;
}
