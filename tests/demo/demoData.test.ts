import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConfig, projectRoot } from '../../server/config';
import { loadConsultation } from '../../server/consultation/loadConsultation';
import { demoPeriod } from '../../server/features/demo/demoSubmissions';
import { ConsultationWindow } from '../../server/consultation/consultationWindow';
import { createTestPortal, TestClock } from '../support/testPortal';

const scripts = (
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const consultation = loadConsultation(path.join(projectRoot, 'content', 'stage-2')).en;
const day = 24 * 3600 * 1000;

/** The period demo responses arrive in, under these settings, at `now`. */
function periodUnder(env: NodeJS.ProcessEnv, now: Date): { from: Date; to: Date } | null {
  const config = createConfig(env, now);
  const window = new ConsultationWindow(
    consultation,
    new TestClock(now),
    config.opensAtOverride,
    config.closesAtOverride,
    config.lateResponseGraceMs,
  );
  return demoPeriod(window.status(), consultation, now);
}

describe('when demo responses arrive', () => {
  const now = new Date('2026-12-06T10:00:00Z');

  test('without a preview, over the consultation as it really ran', () => {
    expect(periodUnder({ CONSULTATION_CLOSES_AT: 'none' }, now)).toEqual({
      from: consultation.opensAt,
      to: consultation.closesAt,
    });
  });

  test("in npm start's preview, over the consultation's own length, ending now, not from its real opening years before", () => {
    const period = periodUnder({ CONSULTATION_CLOSES_AT: 'P28D' }, now)!;
    const ownLength = consultation.closesAt.getTime() - consultation.opensAt.getTime();
    expect(period.to).toEqual(now);
    expect(period.from).toEqual(new Date(now.getTime() + 28 * day - ownLength));
  });

  test('from the opening a setting gives, as the benchmarks give it', () => {
    const opensAt = new Date(now.getTime() - 120 * day);
    expect(periodUnder({ CONSULTATION_OPENS_AT: opensAt.toISOString(), CONSULTATION_CLOSES_AT: 'P2D' }, now)).toEqual({
      from: opensAt,
      to: now,
    });
  });

  test('never, before the portal opens', () => {
    expect(periodUnder({ CONSULTATION_OPENS_AT: '2027-01-01', CONSULTATION_CLOSES_AT: '2027-02-01' }, now)).toBeNull();
  });
});

/**
 * The README's steps, `npm run seed:demo -- --count N` and then `npm start`, as package.json gives
 * them. The seeding runs the built command (dist/, like tests/resilience: build first with npx tsc).
 */
describe("following the README's commands", () => {
  test('npm start and npm run seed:demo both run outside production, where the portal is a 28-day preview', () => {
    for (const script of [scripts.start!, scripts['seed:demo']!]) expect(script).not.toMatch(/NODE_ENV|CONSULTATION_/);
  });

  test("puts the demo responses in the dashboard chart of npm start's preview, a few months a week a bar", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-demo-'));
    // As from a shell: no test environment, no overrides, no .env file.
    const {
      CONSULTATION_OPENS_AT: _opens,
      CONSULTATION_CLOSES_AT: _closes,
      NODE_ENV: _environment,
      ...inherited
    } = process.env;
    const seedCommand = scripts['seed:demo']!.replace(/^npm run build --silent && /, '');
    execFileSync('sh', ['-c', `${seedCommand} --count 300`], {
      cwd: projectRoot,
      env: { ...inherited, DATA_DIR: dataDir, ENV_FILE: '' },
      stdio: 'pipe',
    });
    const portal = createTestPortal({ dataDir, now: new Date(), env: { CONSULTATION_CLOSES_AT: 'P28D' } });
    try {
      const { total, chart } = portal.services.dashboard.summary();
      expect(total).toBe(300);
      expect(chart.periods.reduce((sum, { count }) => sum + count, 0)).toBe(300);
      expect(chart.unit).toBe('week');
      expect(chart.periods.length).toBeLessThan(25);
      expect(chart.periods.filter(({ count }) => count > 0).length).toBeGreaterThan(5);
      expect(portal.services.units.matching({ kind: 'clp' })).toHaveLength(40);
      expect(portal.services.units.matching({ kind: 'branch' }).length).toBeGreaterThanOrEqual(120);
    } finally {
      portal.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
