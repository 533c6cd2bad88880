import { once } from 'node:events';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import type { Db } from '../../server/platform/db/database';
import { AttachmentStore } from '../../server/submissions/reports/attachmentStore';
import { commandLine } from '../../server/platform/audit/auditLog';
import { BackupError, manifestFileName, readFinishedBackup } from '../../server/features/backup/backupFolder';
import { BackupService } from '../../server/features/backup/backupService';
import { builtCommand, runBuiltCommand, type CommandResult } from '../support/commandProcess';
import { pdfFile } from '../support/files';
import { csrfTokenIn, postResponse, validFields, type Attachment } from '../support/respond';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';

beforeAll(() => {
  for (const command of ['backup', 'restore']) builtCommand(command);
});

let portal: TestPortal;
let scratchDir: string;
beforeEach(() => {
  portal = createTestPortal();
  scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-backup-test-'));
});
afterEach(() => {
  portal.close();
  fs.rmSync(scratchDir, { recursive: true, force: true });
});

/** Runs the built backup or restore command with DATA_DIR set, as an operator would from a shell. */
function runCommand(command: 'backup' | 'restore', args: string[], dataDir: string): Promise<CommandResult> {
  return runBuiltCommand(command, args, { NODE_ENV: 'test', DATA_DIR: dataDir });
}

/** A browser with the form open, sending one response after another. */
class Respondent {
  private constructor(
    private readonly agent: TestAgent,
    private readonly csrf: string,
  ) {}

  static async open(app: string | TestPortal['app']): Promise<Respondent> {
    const agent = request.agent(app);
    const form = await agent.get('/respond').expect(200);
    return new Respondent(agent, csrfTokenIn(form.text));
  }

  /** Sends response number `n` (every third with a PDF report) and returns its reference. */
  async respond(n: number, words = `Response ${n}: more NHS dentists in rural Wales.`): Promise<string> {
    const files: Attachment[] =
      n % 3 === 0 ? [{ name: `Workshop ${n}.pdf`, content: pdfFile(`Workshop report ${n}`) }] : [];
    const fields = validFields({ name: `Respondent ${n}`, 'answer__health-and-social-care': words });
    const response = await postResponse(this.agent, this.csrf, fields, files);
    expect(response.status).toBe(303);
    const confirmation = await this.agent.get('/respond/confirmation').expect(200);
    return /class="reference">([^<]+)</.exec(confirmation.text)![1]!;
  }
}

function rowsOf(db: Db, sql: string, ...parameters: unknown[]): unknown[] {
  return db.prepare(sql).all(...parameters);
}

/** Every submission in the restored data is the live one, row for row and file for file, and nothing else is there. */
function expectRestoredToMatchLive(restoredDir: string, restored: Db): void {
  const live = portal.db;
  const restoredSubmissions = restored.prepare('SELECT id, reference FROM submissions ORDER BY id').all() as {
    id: number;
    reference: string;
  }[];
  for (const { id } of restoredSubmissions) {
    expect(rowsOf(restored, 'SELECT * FROM submissions WHERE id = ?', id)).toEqual(
      rowsOf(live, 'SELECT * FROM submissions WHERE id = ?', id),
    );
    for (const table of ['answers', 'attachments']) {
      const sql = `SELECT * FROM ${table} WHERE submission_id = ? ORDER BY id`;
      expect(rowsOf(restored, sql, id)).toEqual(rowsOf(live, sql, id));
    }
    const searchEntry = `SELECT CAST(f.rowid AS TEXT), f.name, f.body_name, f.answers FROM submission_search f
      JOIN submissions s ON s.search_key = f.rowid WHERE s.id = ?`;
    expect(rowsOf(restored, searchEntry, id)).toEqual(rowsOf(live, searchEntry, id));
  }
  const storedNames = restored.prepare('SELECT stored_name FROM attachments').pluck().all() as string[];
  for (const storedName of storedNames) {
    const restoredFile = fs.readFileSync(path.join(restoredDir, 'uploads', AttachmentStore.relativePathOf(storedName)));
    expect(restoredFile.equals(fs.readFileSync(portal.services.attachments.pathOf(storedName)))).toBe(true);
  }
  // No file without its row, and (with the loop above) no row without its file.
  expect(filesUnder(path.join(restoredDir, 'uploads')).sort()).toEqual(
    storedNames.map((name) => AttachmentStore.relativePathOf(name)).sort(),
  );
  expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
}

test('a backup taken while responses arrive restores to exactly what the portal held', async () => {
  const server = portal.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const backupDir = path.join(scratchDir, 'backup');
  const restoredDir = path.join(scratchDir, 'restored');
  try {
    const firstRespondent = await Respondent.open(baseUrl);
    const acknowledgedBefore: string[] = [];
    for (let n = 0; n < 12; n += 1) acknowledgedBefore.push(await firstRespondent.respond(n));

    let backupRunning = true;
    const backup = runCommand('backup', ['--to', backupDir], portal.dataDir).finally(() => (backupRunning = false));
    const sentWhileBackingUp = await Promise.all(
      [1, 2].map(async (writer) => {
        const respondent = await Respondent.open(baseUrl);
        let sent = 0;
        while (backupRunning && sent < 300) await respondent.respond(writer * 1000 + (sent += 1));
        return sent;
      }),
    );
    const backupResult = await backup;
    expect(backupResult).toMatchObject({ code: 0, stderr: '' });
    expect(backupResult.stdout).toMatch(/^Backed up \d+ submission\(s\) and \d+ attached file\(s\)/);
    expect(sentWhileBackingUp[0]! + sentWhileBackingUp[1]!).toBeGreaterThan(0);
    expect(fs.readdirSync(backupDir).sort()).toEqual([manifestFileName, 'portal.db', 'uploads']);

    const restoreResult = await runCommand('restore', ['--from', backupDir], restoredDir);
    expect(restoreResult).toMatchObject({ code: 0, stderr: '' });

    const restored = new Database(path.join(restoredDir, 'portal.db'), { readonly: true });
    try {
      expectRestoredToMatchLive(restoredDir, restored);
      const restoredReferences = restored.prepare('SELECT reference FROM submissions').pluck().all() as string[];
      expect(restoredReferences).toEqual(expect.arrayContaining(acknowledgedBefore));
      const manifest = readFinishedBackup(backupDir);
      expect(manifest).toMatchObject({
        submissions: restoredReferences.length,
        attachments: restored.prepare('SELECT count(*) FROM attachments').pluck().get(),
        leftOutAsErased: 0,
      });
    } finally {
      restored.close();
    }

    // The restored folder is a working data folder: the portal starts on it and finds what was sent.
    const restoredPortal = createTestPortal({ dataDir: restoredDir });
    try {
      for (const reference of acknowledgedBefore) {
        expect(restoredPortal.services.submissions.find(reference)).toEqual(
          portal.services.submissions.find(reference),
        );
      }
    } finally {
      restoredPortal.close();
    }
  } finally {
    server.close();
  }
});

describe('between the snapshot and the copying of files', () => {
  const fastTiming = { settleMs: 300, pollMs: 10 };
  const backupFolder = () => path.join(scratchDir, 'backup');
  const backups = () => new BackupService(portal.services.config, portal.clock, fastTiming);

  test('a submission erased meanwhile is left out of the backup, with its files and its words', async () => {
    const respondent = await Respondent.open(portal.app);
    const kept = await respondent.respond(3);
    const erasedWithReport = await respondent.respond(6, 'Zanzibarquokka: a word only the erased response uses.');
    const erasedWithoutReport = await respondent.respond(7);
    const erasedFile = portal.services.submissions.find(erasedWithReport).attachments[0]!.storedName;

    const summary = await backups().take(backupFolder(), {
      afterSnapshot: () => {
        portal.services.erasure.erase(erasedWithReport, commandLine);
        portal.services.erasure.erase(erasedWithoutReport, commandLine);
      },
    });

    expect([...summary.leftOutAsErased].sort()).toEqual([erasedWithReport, erasedWithoutReport].sort());
    expect(summary).toMatchObject({ submissions: 1, attachments: 1 });
    const backedUp = new Database(path.join(backupFolder(), 'portal.db'), { readonly: true });
    try {
      expect(backedUp.prepare('SELECT reference FROM submissions').pluck().all()).toEqual([kept]);
      expectRestoredToMatchLive(backupFolder(), backedUp);
    } finally {
      backedUp.close();
    }
    expect(filesUnder(path.join(backupFolder(), 'uploads'))).not.toContain(AttachmentStore.relativePathOf(erasedFile));
    const databaseBytes = fs.readFileSync(path.join(backupFolder(), 'portal.db'));
    expect(databaseBytes.includes('Zanzibarquokka')).toBe(false);
    expect(databaseBytes.includes('zanzibarquokka')).toBe(false);
    expect(fs.readdirSync(backupFolder()).sort()).toEqual([manifestFileName, 'portal.db', 'uploads']);
  });

  test('a digest that mentions a submission erased meanwhile is in the backup without it', async () => {
    portal.close();
    portal = createTestPortal({ env: { DIGEST_RECIPIENTS: 'policy.officer@example.org' } });
    const respondent = await Respondent.open(portal.app);
    const kept = await respondent.respond(3);
    const erased = await respondent.respond(6, 'Zanzibarquokka: a word only the erased response uses.');
    portal.services.digests.makeNow(commandLine);

    await backups().take(backupFolder(), { afterSnapshot: () => portal.services.erasure.erase(erased, commandLine) });

    const backedUp = new Database(path.join(backupFolder(), 'portal.db'), { readonly: true });
    try {
      const digest = backedUp.prepare("SELECT text_body FROM outbox WHERE kind = 'digest'").pluck().get() as string;
      expect(digest).toContain('A response erased on request.');
      expect(digest).toContain(kept);
      expect(digest).not.toContain(erased);
    } finally {
      backedUp.close();
    }
    const databaseBytes = fs.readFileSync(path.join(backupFolder(), 'portal.db'));
    for (const word of ['Zanzibarquokka', 'Respondent 6', 'Workshop 6.pdf'])
      expect(databaseBytes.includes(word)).toBe(false);
  });

  test('a file whose row has committed but which is not yet in place is waited for', async () => {
    const respondent = await Respondent.open(portal.app);
    const reference = await respondent.respond(3);
    const livePath = portal.services.attachments.pathOf(
      portal.services.submissions.find(reference).attachments[0]!.storedName,
    );
    const notYetPlaced = path.join(portal.services.attachments.incomingDir, path.basename(livePath));

    const summary = await backups().take(backupFolder(), {
      afterSnapshot: () => {
        fs.renameSync(livePath, notYetPlaced);
        setTimeout(() => fs.renameSync(notYetPlaced, livePath), 50);
      },
    });

    expect(summary).toMatchObject({ submissions: 1, attachments: 1, leftOutAsErased: [] });
    const backedUp = new Database(path.join(backupFolder(), 'portal.db'), { readonly: true });
    try {
      expectRestoredToMatchLive(backupFolder(), backedUp);
    } finally {
      backedUp.close();
    }
  });

  test('a recorded file that never comes fails the backup, and nothing of it is left', async () => {
    const respondent = await Respondent.open(portal.app);
    const reference = await respondent.respond(3);
    const livePath = portal.services.attachments.pathOf(
      portal.services.submissions.find(reference).attachments[0]!.storedName,
    );

    const backup = backups().take(backupFolder(), {
      afterSnapshot: () =>
        fs.renameSync(livePath, path.join(portal.services.attachments.incomingDir, path.basename(livePath))),
    });

    await expect(backup).rejects.toThrow(BackupError);
    await expect(backup).rejects.toThrow(/recorded but not in .*start it again/s);
    expect(fs.existsSync(backupFolder())).toBe(false);
  });
});

test('the backup refuses a folder that is not empty, and the restore a data folder that is not empty', async () => {
  const occupied = path.join(scratchDir, 'occupied');
  fs.mkdirSync(occupied);
  fs.writeFileSync(path.join(occupied, 'notes.txt'), 'Somebody else’s file');

  const backup = await runCommand('backup', ['--to', occupied], portal.dataDir);
  expect(backup.code).toBe(1);
  expect(backup.stderr).toContain(`${occupied} already exists and is not empty. Choose a new folder`);
  expect(fs.readdirSync(occupied)).toEqual(['notes.txt']);

  const backupDir = path.join(scratchDir, 'backup');
  expect((await runCommand('backup', ['--to', backupDir], portal.dataDir)).code).toBe(0);
  const restore = await runCommand('restore', ['--from', backupDir], portal.dataDir);
  expect(restore.code).toBe(1);
  expect(restore.stderr).toContain(`${portal.dataDir} is not empty.`);
});
