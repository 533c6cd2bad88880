import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { createConfig } from '../../server/config';
import type { Db } from '../../server/platform/db/database';
import { openPortal, type PortalOptions } from '../../server/composition';
import type { Portal } from '../../server/services';
import type { Clock } from '../../server/platform/time/clock';

/** A clock the test sets. */
export class TestClock implements Clock {
  constructor(public time: Date) {}
  now(): Date {
    return this.time;
  }
}

export interface TestPortal {
  app: Express;
  db: Db;
  services: Portal;
  clock: TestClock;
  dataDir: string;
  close(): void;
}

/** While the real consultation was open: a Tuesday in May 2020, London time. */
export const duringConsultation = new Date('2020-05-12T10:00:00+01:00');

/** The real app with real services, on a new SQLite file and data folder in a temp directory. */
export function createTestPortal(
  options: {
    now?: Date;
    env?: NodeJS.ProcessEnv;
    contentDir?: string;
    services?: Omit<PortalOptions, 'serverSettings'>;
    dataDir?: string;
  } = {},
): TestPortal {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'portal-test-'));
  const config = createConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    COOKIE_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    SUBMISSION_RATE_LIMIT: '1000',
    ...(options.contentDir ? { CONTENT_DIR: options.contentDir } : {}),
    ...options.env,
  });
  const clock = new TestClock(options.now ?? duringConsultation);
  // As the server starts. Officers' passwords are hashed at a low cost here, so that tests sign
  // in quickly; the production cost is checked by a test of its own.
  const services = openPortal(config, clock, {
    serverSettings: 'settle',
    passwordCost: { N: 2 ** 10, r: 8, p: 1 },
    ...options.services,
  });
  return {
    app: createApp(services),
    db: services.db,
    services,
    clock,
    dataDir,
    close() {
      services.close();
      // A data folder the test passed in outlives this portal: it is the point of a restart test.
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under a folder, as paths relative to it. */
export function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}
