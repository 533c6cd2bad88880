import { londonDateTime, londonDay } from '../../server/platform/time/clock';

describe('the London day of an instant', () => {
  test('in summer time, half past midnight in London is already the next day', () => {
    expect(londonDay(new Date('2020-06-15T23:30:00Z'))).toBe('2020-06-16');
    expect(londonDay(new Date('2020-06-15T22:59:59Z'))).toBe('2020-06-15');
  });

  test('in winter, London is on UTC', () => {
    expect(londonDay(new Date('2020-12-31T23:59:59Z'))).toBe('2020-12-31');
    expect(londonDay(new Date('2021-01-01T00:00:00Z'))).toBe('2021-01-01');
  });
});

describe('the London time of an instant', () => {
  test('is GMT in winter and BST in summer, to the second', () => {
    expect(londonDateTime(new Date('2020-02-14T10:00:00Z'))).toBe('2020-02-14 10:00:00');
    expect(londonDateTime(new Date('2020-05-12T09:05:07.999Z'))).toBe('2020-05-12 10:05:07');
    expect(londonDateTime(new Date('2020-06-15T23:30:59Z'))).toBe('2020-06-16 00:30:59');
  });

  test('across both clock changes, hour by hour', () => {
    // BST began at 01:00 UTC on 29 March 2020 and ended at 01:00 UTC on 25 October.
    expect(['00:59:59', '01:00:00'].map((time) => londonDateTime(new Date(`2020-03-29T${time}Z`)))).toEqual([
      '2020-03-29 00:59:59',
      '2020-03-29 02:00:00',
    ]);
    expect(['00:00:00', '00:59:59', '01:00:00'].map((time) => londonDateTime(new Date(`2020-10-25T${time}Z`)))).toEqual(
      ['2020-10-25 01:00:00', '2020-10-25 01:59:59', '2020-10-25 01:00:00'],
    );
  });

  test('before 1970 too, when Britain kept summer time all year', () => {
    expect(londonDateTime(new Date('1969-12-31T23:59:58Z'))).toBe('1970-01-01 00:59:58');
  });
});
