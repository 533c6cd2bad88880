import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBuiltCommand } from '../support/commandProcess';
import { officerEmail, officerPassword } from '../support/officer';
import { PortalClient } from '../support/portalClient';
import { sampleResponse } from '../support/sampleResponses';
import { ServerProcess } from '../support/serverProcess';
import { filesUnder } from '../support/testPortal';
import { waitUntil } from '../support/waitUntil';

let dataDir: string;
let portal: ServerProcess | null = null;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-modes-'));
});
afterAll(async () => {
  portal?.kill();
  await portal?.exit();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Everything under `folder` (and the folder itself) whose mode lets anyone but its owner in, as "path 0644". */
function openToOthers(folder: string): string[] {
  const entries = [
    folder,
    ...fs.readdirSync(folder, { recursive: true }).map((entry) => path.join(folder, String(entry))),
  ];
  return entries.flatMap((entry) => {
    const stats = fs.lstatSync(entry);
    const expected = stats.isDirectory() ? 0o700 : 0o600;
    const mode = stats.mode & 0o777;
    return mode === expected ? [] : [`${path.relative(folder, entry) || '.'} ${mode.toString(8).padStart(4, '0')}`];
  });
}

test('everything the server and the command-line tools create under DATA_DIR is for the portal’s user alone, and a data folder open to others is closed', async () => {
  // A data folder made by hand, or by an earlier version, readable by every local user.
  fs.chmodSync(dataDir, 0o755);
  const commandEnv = { NODE_ENV: 'test', DATA_DIR: dataDir };
  expect(
    await runBuiltCommand('officer', ['add', officerEmail], commandEnv, { stdin: `${officerPassword}\n` }),
  ).toMatchObject({ code: 0 });

  // Email as .eml files in DATA_DIR/outbox, which is what a portal without SMTP_URL does.
  portal = await ServerProcess.start({ dataDir, smtpUrl: null, env: { MAIL_POLL_SECONDS: '0.1' } });
  const client = new PortalClient(portal.baseUrl);
  try {
    expect((await client.respond(sampleResponse(1, 2))).reference).not.toBeNull();
    // A form sent back for a correction keeps its good report in tmp/held.
    const needsCorrection = sampleResponse(2, 1);
    const corrected = await client.post(
      { ...needsCorrection, fields: { ...needsCorrection.fields, name: '' } },
      await client.openForm(),
    );
    expect(corrected.status).toBe(400);
  } finally {
    client.close();
  }
  await waitUntil(() => filesUnder(path.join(dataDir, 'outbox')).length > 0, 'the receipt to be written', {
    details: () => portal!.printed(),
  });
  expect(filesUnder(path.join(dataDir, 'tmp', 'held'))).toHaveLength(2);
  expect(await runBuiltCommand('backup', [], commandEnv)).toMatchObject({ code: 0 });
  expect(await runBuiltCommand('digest', ['--preview'], commandEnv)).toMatchObject({ code: 0 });

  // While the server runs, so that the database's -wal and -shm files are there too.
  expect(fs.readdirSync(dataDir).sort()).toEqual([
    'backups',
    'digest-preview.html',
    'digest-preview.txt',
    'drafts',
    'outbox',
    'portal.db',
    'portal.db-shm',
    'portal.db-wal',
    'tmp',
    'uploads',
  ]);
  expect(openToOthers(dataDir)).toEqual([]);
  expect(await portal.stop('SIGTERM')).toEqual({ code: 0, signal: null });
}, 60_000);
