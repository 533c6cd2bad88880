import { DateTime } from 'luxon';
import { LONDON } from '../config';
import type { Language, Translate } from './catalogue';

/** Formats times, durations and sizes the way the interface language writes them, always in London time. */
export function createFormatters(language: Language, t: Translate) {
  const locale = language === 'en' ? 'en-GB' : 'cy-GB';
  return {
    /** Monday 15 June 2020 */
    date(instant: Date | string): string {
      const time = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: LONDON }) : DateTime.fromJSDate(instant, { zone: LONDON });
      return time.setLocale(locale).toFormat('cccc d LLLL yyyy');
    },
    /** 15 Jun */
    shortDate(isoDate: string): string {
      return DateTime.fromISO(isoDate, { zone: LONDON }).setLocale(locale).toFormat('d LLL');
    },
    /** 15 Jun 2020, 9:05am */
    compactDateTime(instant: Date | string): string {
      const time = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: LONDON }) : DateTime.fromJSDate(instant, { zone: LONDON });
      return time.setLocale(locale).toFormat('d LLL yyyy, h:mma').replace(/AM|PM/, (meridiem) => meridiem.toLowerCase());
    },
    /** 11:59pm on Monday 15 June 2020 */
    dateTime(instant: Date): string {
      const time = DateTime.fromJSDate(instant, { zone: LONDON }).setLocale(locale);
      return t('time.atOn', { time: time.toFormat('h:mma').toLowerCase(), date: time.toFormat('cccc d LLLL yyyy') });
    },
    /** 23 days and 4 hours */
    timeLeft(milliseconds: number): string {
      const { days, hours, minutes } = DateTime.fromMillis(0)
        .plus({ milliseconds })
        .diff(DateTime.fromMillis(0), ['days', 'hours', 'minutes'])
        .toObject();
      const wholeDays = Math.floor(days ?? 0);
      const wholeHours = Math.floor(hours ?? 0);
      if (wholeDays > 0) return t('time.daysAndHours', { days: t('time.days', { count: wholeDays }), hours: t('time.hours', { count: wholeHours }) });
      if (wholeHours > 0) return t('time.hours', { count: wholeHours });
      return t('time.minutes', { count: Math.max(1, Math.ceil(minutes ?? 0)) });
    },
    /** 2.4 MB */
    fileSize(bytes: number): string {
      if (bytes < 1024) return t('size.bytes', { count: bytes });
      if (bytes < 1024 * 1024) return t('size.kilobytes', { size: Math.round(bytes / 1024) });
      return t('size.megabytes', { size: (bytes / (1024 * 1024)).toFixed(1) });
    },
  };
}

export type Formatters = ReturnType<typeof createFormatters>;
