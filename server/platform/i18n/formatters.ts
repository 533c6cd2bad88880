import { DateTime } from 'luxon';
import { LONDON } from '../../config';
import type { Translate } from './catalogue';
import { locales, type Language } from '../vocabulary';
import { andBeforeHours, softMutation } from './welshMutations';

/** An instant as the views pass it: a Date, or an ISO string read in London time. */
type Instant = Date | string;

const mostRemembered = 256;

/**
 * Remembers what `format` made of the last few instants. Every page shows the same deadline, and
 * building luxon's formatters for it again on each request was a visible part of rendering one.
 */
function remembering(format: (instant: Instant) => string): (instant: Instant) => string {
  // A Date by its time and a string as itself, so the two kinds of key cannot collide.
  const remembered = new Map<number | string, string>();
  return (instant) => {
    const key = typeof instant === 'string' ? instant : instant.getTime();
    let text = remembered.get(key);
    if (text === undefined) {
      text = format(instant);
      if (remembered.size >= mostRemembered) remembered.clear();
      remembered.set(key, text);
    }
    return text;
  };
}

function inLondon(instant: Instant): DateTime {
  return typeof instant === 'string'
    ? DateTime.fromISO(instant, { zone: LONDON })
    : DateTime.fromJSDate(instant, { zone: LONDON });
}

/**
 * Words written straight after a time. Welsh mutates the first: "11:59yh ddydd Llun 15 Mehefin
 * 2020", where on its own the date reads "Dydd Llun 15 Mehefin 2020".
 */
function afterTime(words: string, language: Language): string {
  if (language === 'en') return words;
  const [first = '', ...rest] = words.split(' ');
  return [softMutation(first.toLowerCase()), ...rest].join(' ');
}

/** Formats times, durations and sizes the way the interface language writes them, always in London time. */
export function createFormatters(language: Language, t: Translate) {
  const locale = locales[language];
  const date = remembering((instant) => inLondon(instant).setLocale(locale).toFormat('cccc d LLLL yyyy'));
  const shortDate = remembering((isoDate) => inLondon(isoDate).setLocale(locale).toFormat('d LLL'));
  const shortDateWithYear = remembering((isoDate) => inLondon(isoDate).setLocale(locale).toFormat('d LLL yyyy'));
  // A time of day as the language writes it: 11:59pm; in Welsh 11:59yh (yb, "y bore", before
  // midday; yh, "yr hwyr", after), where the locale's own am and pm are the English ones.
  const clockTime = remembering((instant) => {
    const time = inLondon(instant);
    return `${time.toFormat('h:mm')}${t(time.hour < 12 ? 'time.am' : 'time.pm')}`;
  });
  const compactDateTime = remembering(
    (instant) => `${inLondon(instant).setLocale(locale).toFormat('d LLL yyyy')}, ${clockTime(instant)}`,
  );
  const dateTime = remembering((instant) =>
    t('time.atOn', {
      time: clockTime(instant),
      date: afterTime(inLondon(instant).setLocale(locale).toFormat('cccc d LLLL yyyy'), language),
    }),
  );
  return {
    /** Monday 15 June 2020 */
    date: (instant: Instant): string => date(instant),
    /** 15 Jun */
    shortDate: (isoDate: string): string => shortDate(isoDate),
    /** 15 Jun 2020 */
    shortDateWithYear: (isoDate: string): string => shortDateWithYear(isoDate),
    /** 15 Jun 2020, 9:05am; 15 Meh 2020, 9:05yb */
    compactDateTime: (instant: Instant): string => compactDateTime(instant),
    /** 11:59pm on Monday 15 June 2020; 11:59yh ddydd Llun 15 Mehefin 2020 */
    dateTime: (instant: Date): string => dateTime(instant),
    /** A weekly moment, `weekday` 1 (Monday) to 7: Monday at 8:00am; 8:00yb ddydd Llun. */
    weekdayAt(weekday: number, hour: number): string {
      // Any week will do: 2 March 2020 was a Monday.
      const moment = DateTime.fromObject({ year: 2020, month: 3, day: 1 + weekday, hour }, { zone: LONDON }).setLocale(
        locale,
      );
      return t('time.weekdayAt', {
        time: clockTime(moment.toJSDate()),
        weekday: afterTime(moment.toFormat('cccc'), language),
      });
    },
    /** 11:59pm tonight, or 9:00am today; on another day than `now`, as `dateTime`. */
    timeSoon(instant: Date, now: Date): string {
      const time = inLondon(instant);
      if (!time.hasSame(inLondon(now), 'day')) return dateTime(instant);
      return t(time.hour >= 18 ? 'time.tonight' : 'time.today', { time: clockTime(instant) });
    },
    /** 23 days and 4 hours */
    timeLeft(milliseconds: number): string {
      const { days, hours, minutes } = DateTime.fromMillis(0)
        .plus({ milliseconds })
        .diff(DateTime.fromMillis(0), ['days', 'hours', 'minutes'])
        .toObject();
      const wholeDays = Math.floor(days ?? 0);
      const wholeHours = Math.floor(hours ?? 0);
      if (wholeDays > 0) {
        const joined = t('time.daysAndHours', {
          days: t('time.days', { count: wholeDays }),
          hours: t('time.hours', { count: wholeHours }),
        });
        // Welsh writes "ac" before an hour count read with a vowel first: "5 diwrnod ac 1 awr".
        return language === 'cy' ? joined.replace(/ a (?=\d+ awr$)/, ` ${andBeforeHours(wholeHours)} `) : joined;
      }
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
