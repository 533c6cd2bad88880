import path from 'node:path';
import { createConfig, parseTimeOverride, projectRoot } from '../../server/config';
import { loadConsultation } from '../../server/consultation/loadConsultation';
import { ConsultationWindow } from '../../server/consultation/consultationWindow';
import { TestClock, createTestPortal } from '../support/testPortal';

const consultation = loadConsultation(path.join(projectRoot, 'content', 'stage-2')).en;

describe('the deadline, Monday 15 June 2020 in London (BST, UTC+1)', () => {
  const clock = new TestClock(new Date());
  const window = new ConsultationWindow(consultation, clock, null, null, 60 * 60 * 1000);

  test.each([
    ['2020-06-15T23:59:59+01:00', 'open'],
    ['2020-06-15T23:59:59.999+01:00', 'open'],
    ['2020-06-16T00:00:00+01:00', 'closed'],
    ['2020-01-31T23:59:59+00:00', 'not-yet-open'],
    ['2020-02-01T00:00:00+00:00', 'open'],
  ])('at %s London time it is %s', (time, state) => {
    clock.time = new Date(time);
    expect(window.status().state).toBe(state);
  });

  test('reports the time left', () => {
    clock.time = new Date('2020-06-14T23:59:59.999+01:00');
    expect(window.status().millisecondsLeft).toBe(24 * 60 * 60 * 1000);
  });
});

describe('overriding the times for a preview', () => {
  const startedAt = new Date('2026-11-23T12:00:00Z');

  test('a duration counts from the start', () => {
    expect(parseTimeOverride('CONSULTATION_CLOSES_AT', 'P28D', startedAt)?.instant.toISOString()).toBe(
      '2026-12-21T12:00:00.000Z',
    );
  });

  test('a time without an offset is London time', () => {
    expect(parseTimeOverride('CONSULTATION_CLOSES_AT', '2026-07-01T23:59:59', startedAt)?.instant.toISOString()).toBe(
      '2026-07-01T22:59:59.000Z',
    );
  });

  test('nonsense is refused with the setting named', () => {
    expect(() => parseTimeOverride('CONSULTATION_CLOSES_AT', 'next week', startedAt)).toThrow(
      'CONSULTATION_CLOSES_AT: "next week" is not a time such as 2020-06-15T23:59:59 or a duration such as P28D',
    );
  });

  test('an override opens the consultation now, and says which setting did it', () => {
    const config = createConfig({ CONSULTATION_CLOSES_AT: 'P28D', NODE_ENV: 'test' }, startedAt);
    const window = new ConsultationWindow(
      consultation,
      new TestClock(startedAt),
      config.opensAtOverride,
      config.closesAtOverride,
      config.lateResponseGraceMs,
    );
    expect(window.status()).toMatchObject({ state: 'open', overrides: { opensAt: null, closesAt: 'P28D' } });
    expect(window.status().publishedClosesAt).toEqual(consultation.closesAt);
  });
});

describe('settings', () => {
  test('production refuses to start without a cookie secret', () => {
    expect(() => createConfig({ NODE_ENV: 'production' })).toThrow('COOKIE_SECRET must be set in production');
  });

  test('a bad setting is named', () => {
    expect(() => createConfig({ PORT: 'eighty' })).toThrow(/PORT:/);
  });
});

test('the dashboard copes with a preview that closes before the real opening day', () => {
  const portal = createTestPortal({
    now: new Date('2019-06-01T12:00:00Z'),
    env: { CONSULTATION_OPENS_AT: '2019-05-01', CONSULTATION_CLOSES_AT: '2019-07-01' },
  });
  try {
    expect(portal.services.dashboard.summary().chartFrom <= portal.services.dashboard.summary().chartTo).toBe(true);
  } finally {
    portal.close();
  }
});
