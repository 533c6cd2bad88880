import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConfig, readEnvironment } from '../../server/config';
import { openDatabase, type Db } from '../../server/platform/db/database';
import { migrate } from '../../server/platform/db/migrate';
import { ServerSettingsRepository } from '../../server/platform/settings/serverSettingsRepository';
import { projectRoot } from '../../server/config';
import { adoptServerSettings, settleServerSettings } from '../../server/platform/settings/serverSettings';

let folder: string;
let db: Db;
let repository: ServerSettingsRepository;

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-settings-'));
  db = openDatabase(path.join(folder, 'portal.db'));
  migrate(db, path.join(projectRoot, 'migrations'));
  repository = new ServerSettingsRepository(db);
});

afterEach(() => {
  db.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const day = 24 * 3600 * 1000;
const firstStart = new Date('2026-12-06T10:00:00Z');

describe('one set of settings for the server and every command', () => {
  test('a .env file is read by everyone, and the environment wins over it', () => {
    const envFile = path.join(folder, 'settings.env');
    fs.writeFileSync(envFile, 'PORT=3456\nMAIL_REPLY_TO=policy@example.org\n# a comment\nDIGEST_HOUR=9\n');
    const config = createConfig(readEnvironment({ ENV_FILE: envFile, DIGEST_HOUR: '7' }));
    expect(config.baseUrl).toBe('http://localhost:3456');
    expect(config.mail.replyTo).toBe('policy@example.org');
    expect(config.digests.hour).toBe(7);
    expect(config.given.baseUrl).toBe(true);
  });

  test('a settings file named but missing is a setting to fix, not a silent default', () => {
    expect(() => readEnvironment({ ENV_FILE: path.join(folder, 'missing.env') })).toThrow(
      /^ENV_FILE: the settings file .*missing\.env cannot be read \(ENOENT\)/,
    );
  });

  test('outside production and tests the portal runs a 28-day preview; "none" turns it off', () => {
    expect(createConfig({}, firstStart).closesAtOverride).toEqual({
      setting: 'P28D',
      instant: new Date(firstStart.getTime() + 28 * day),
    });
    expect(createConfig({}, firstStart).given.closesAt).toBe(false);
    expect(createConfig({ CONSULTATION_CLOSES_AT: 'none' }, firstStart).closesAtOverride).toBeNull();
    expect(createConfig({ NODE_ENV: 'test' }, firstStart).closesAtOverride).toBeNull();
  });
});

describe('the window a duration gives is kept, not worked out again', () => {
  test('a restart days later with the same P28D keeps the first deadline; another setting moves it', () => {
    const first = settleServerSettings(
      createConfig({ NODE_ENV: 'test', CONSULTATION_CLOSES_AT: 'P28D' }, firstStart),
      repository,
      firstStart,
    );
    const later = new Date(firstStart.getTime() + 3 * day);
    const restarted = settleServerSettings(
      createConfig({ NODE_ENV: 'test', CONSULTATION_CLOSES_AT: 'P28D' }, later),
      repository,
      later,
    );
    expect(restarted.closesAtOverride).toEqual(first.closesAtOverride);
    const changed = settleServerSettings(
      createConfig({ NODE_ENV: 'test', CONSULTATION_CLOSES_AT: 'P10D' }, later),
      repository,
      later,
    );
    expect(changed.closesAtOverride?.instant).toEqual(new Date(later.getTime() + 10 * day));
  });

  test('a command takes the server’s address and window, unless its own settings name them', () => {
    settleServerSettings(
      createConfig({ NODE_ENV: 'test', PORT: '4321', CONSULTATION_CLOSES_AT: 'P28D' }, firstStart),
      repository,
      firstStart,
    );
    const later = new Date(firstStart.getTime() + day);
    const command = adoptServerSettings(createConfig({}, later), repository);
    expect(command.baseUrl).toBe('http://localhost:4321');
    expect(command.closesAtOverride?.instant).toEqual(new Date(firstStart.getTime() + 28 * day));
    const own = adoptServerSettings(
      createConfig({ BASE_URL: 'https://consult.example.org', CONSULTATION_CLOSES_AT: '2027-01-31T23:59:59' }, later),
      repository,
    );
    expect(own.baseUrl).toBe('https://consult.example.org');
    expect(own.closesAtOverride?.setting).toBe('2027-01-31T23:59:59');
  });

  test('a server started without an override clears it for the commands too', () => {
    settleServerSettings(
      createConfig({ NODE_ENV: 'test', CONSULTATION_CLOSES_AT: 'P28D' }, firstStart),
      repository,
      firstStart,
    );
    settleServerSettings(
      createConfig({ NODE_ENV: 'production', COOKIE_SECRET: 'x'.repeat(32) }, firstStart),
      repository,
      firstStart,
    );
    expect(adoptServerSettings(createConfig({}, firstStart), repository).closesAtOverride).toBeNull();
  });
});
