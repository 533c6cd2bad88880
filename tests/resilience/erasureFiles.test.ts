import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openForm, postResponse, validFields } from '../support/respond';
import { ServerProcess } from '../support/serverProcess';
import { createTestPortal, filesUnder } from '../support/testPortal';

let dataDir: string;
let server: ServerProcess | null = null;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-erasure-files-'));
});
afterEach(async () => {
  server?.kill();
  await server?.exit();
  server = null;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The folder made read-only for real (a read-only bind mount: as root, permissions would not stop a write) while `work` runs. */
function withReadOnly<T>(folder: string, work: () => T): T {
  execFileSync('mount', ['--bind', folder, folder]);
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', folder]);
    return work();
  } finally {
    execFileSync('umount', [folder]);
  }
}

const emailFilesNaming = (name: string) =>
  filesUnder(path.join(dataDir, 'outbox')).filter((file) =>
    fs.readFileSync(path.join(dataDir, 'outbox', file), 'latin1').includes(name),
  );

test('an erasure whose email files cannot be removed still commits, and the next start removes them', async () => {
  const portal = createTestPortal({ dataDir });
  try {
    const { agent, csrf } = await openForm(portal.app);
    await postResponse(agent, csrf, validFields({ name: 'Tegwen Quillfeather' })).expect(303);
    const reference = portal.db.prepare('SELECT reference FROM submissions').pluck().get() as string;
    await portal.services.delivery.deliverDue();
    expect(emailFilesNaming('Quillfeather')).toHaveLength(1);

    withReadOnly(path.join(dataDir, 'outbox'), () =>
      portal.services.erasure.erase(reference, { officerId: null, name: 'test' }),
    );

    expect(portal.db.prepare('SELECT count(*) FROM submissions').pluck().get()).toBe(0);
    expect(portal.db.prepare('SELECT count(*) FROM mail_copies_to_remove').pluck().get()).toBe(1);
    expect(emailFilesNaming('Quillfeather')).toHaveLength(1);
  } finally {
    // The process ends here, as a crash would end it, before any later round removes the file.
    portal.services.checkpointer.stop();
    portal.close();
  }

  server = await ServerProcess.start({ dataDir, smtpUrl: null });
  await server.waitForOutput(/Removed the email files of 1 message\(s\) about erased responses/);
  expect(emailFilesNaming('Quillfeather')).toEqual([]);
});
