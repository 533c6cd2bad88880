import { londonDay } from '../../server/services/clock';

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
