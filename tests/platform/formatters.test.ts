import { createCatalogue } from '../../server/platform/i18n/catalogue';
import { createFormatters } from '../../server/platform/i18n/formatters';
import { softMutation } from '../../server/platform/i18n/welshMutations';

const catalogue = createCatalogue();
const english = createFormatters('en', catalogue.translatorFor('en'));
const welsh = createFormatters('cy', catalogue.translatorFor('cy'));

describe('times as each language writes them', () => {
  test('a deadline reads "11:59pm on Monday" in English and "11:59yh ddydd Llun" in Welsh', () => {
    const deadline = new Date('2020-06-15T23:59:59+01:00');
    expect(english.dateTime(deadline)).toBe('11:59pm on Monday 15 June 2020');
    expect(welsh.dateTime(deadline)).toBe('11:59yh ddydd Llun 15 Mehefin 2020');
  });

  test('the morning is yb, midday and after yh, and the weekday after a time is mutated whichever it is', () => {
    expect(welsh.dateTime(new Date('2020-06-09T08:00:00+01:00'))).toBe('8:00yb ddydd Mawrth 9 Mehefin 2020');
    expect(welsh.dateTime(new Date('2020-06-10T12:00:00+01:00'))).toBe('12:00yh ddydd Mercher 10 Mehefin 2020');
    expect(welsh.dateTime(new Date('2020-06-12T00:30:00+01:00'))).toBe('12:30yb ddydd Gwener 12 Mehefin 2020');
    expect(welsh.compactDateTime(new Date('2020-01-05T09:05:00Z'))).toBe('5 Ion 2020, 9:05yb');
    expect(english.compactDateTime(new Date('2020-01-05T21:05:00Z'))).toBe('5 Jan 2020, 9:05pm');
  });

  test('a date on its own is not mutated', () => {
    expect(welsh.date(new Date('2020-06-15T12:00:00+01:00'))).toBe('Dydd Llun 15 Mehefin 2020');
  });
});

describe('the soft mutation', () => {
  test.each([
    ['dydd', 'ddydd'],
    ['papur', 'bapur'],
    ['testun', 'destun'],
    ['cangen', 'gangen'],
    ['bwnc', 'fwnc'],
    ['gwaith', 'waith'],
    ['mawr', 'fawr'],
    ['llai', 'lai'],
    ['rhannu', 'rannu'],
    ['Llun', 'Lun'],
    ['Pwnc', 'Bwnc'],
    ['ffeil', 'ffeil'],
    ['chwech', 'chwech'],
    ['theatr', 'theatr'],
    ['ddoe', 'ddoe'],
    ['afal', 'afal'],
  ])('%s → %s', (word, mutated) => {
    expect(softMutation(word)).toBe(mutated);
  });
});

describe('how long is left', () => {
  const hours = (count: number) => count * 3600 * 1000;
  test('Welsh writes ac before an hour count read with a vowel first, and a before any other', () => {
    expect(welsh.timeLeft(hours(5 * 24 + 1))).toBe('5 diwrnod ac 1 awr');
    expect(welsh.timeLeft(hours(2 * 24 + 8))).toBe('2 ddiwrnod ac 8 awr');
    expect(welsh.timeLeft(hours(3 * 24 + 11))).toBe('3 diwrnod ac 11 awr');
    expect(welsh.timeLeft(hours(2 * 24 + 3))).toBe('2 ddiwrnod a 3 awr');
    expect(english.timeLeft(hours(5 * 24 + 1))).toBe('5 days and 1 hour');
  });
});

test('a weekly moment: Monday at 8:00am, and in Welsh 8:00yb ddydd Llun', () => {
  expect(english.weekdayAt(1, 8)).toBe('Monday at 8:00am');
  expect(welsh.weekdayAt(1, 8)).toBe('8:00yb ddydd Llun');
  expect(welsh.weekdayAt(5, 17)).toBe('5:00yh ddydd Gwener');
  expect(english.weekdayAt(7, 9)).toBe('Sunday at 9:00am');
});
