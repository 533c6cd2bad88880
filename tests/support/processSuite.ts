import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServerProcess } from './serverProcess';
import { TestSmtpServer } from './smtp';

/** What a suite that runs the server as a process of its own works with. */
export interface ProcessSuite {
  readonly smtp: TestSmtpServer;
  dataDir: string;
  server: ServerProcess | null;
  /** Starts the server on the suite's data folder, sending email to its mail server. */
  start(env?: Readonly<Record<string, string>>): Promise<ServerProcess>;
}

/**
 * A mail server and a temporary data folder for the suite's tests, and afterwards the server
 * killed if it still runs, the mail server stopped and the folder removed.
 */
export function processSuite(name: string): ProcessSuite {
  const suite: ProcessSuite = {
    smtp: new TestSmtpServer(),
    dataDir: '',
    server: null,
    async start(env = {}) {
      suite.server = await ServerProcess.start({ dataDir: suite.dataDir, smtpUrl: suite.smtp.url, env });
      return suite.server;
    },
  };
  beforeAll(async () => {
    await suite.smtp.start();
    suite.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-${name}-`));
  });
  afterAll(async () => {
    suite.server?.kill();
    await suite.server?.exit();
    await suite.smtp.stop();
    fs.rmSync(suite.dataDir, { recursive: true, force: true });
  });
  return suite;
}
