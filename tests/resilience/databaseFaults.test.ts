import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runBuiltCommand } from '../support/commandProcess';
import { mountSmallDisk } from '../support/mounts';
import { officerEmail, officerPassword } from '../support/officer';
import { PortalClient, type Reply } from '../support/portalClient';
import { processSuite } from '../support/processSuite';
import { csrfTokenIn } from '../support/respond';
import { sampleResponse } from '../support/sampleResponses';
import { ServerProcess } from '../support/serverProcess';
import { openReadOnly } from '../support/storedResponses';
import { waitUntil } from '../support/waitUntil';

const suite = processSuite('database-faults');

/**
 * A fault of the storage under a running portal, made for real: another process's lock, files
 * the kernel refuses to write, a full file system. `prepare` runs on the empty data folder
 * before the portal starts there, `cleanUp` after it has stopped.
 */
interface StorageFault {
  readonly prepare?: (dataDir: string) => void;
  readonly begin: (dataDir: string) => void;
  readonly end: (dataDir: string) => void;
  readonly cleanUp?: (dataDir: string) => void;
}

const databaseOf = (dataDir: string) => path.join(dataDir, 'portal.db');

/** Another process in the middle of a long write: `BEGIN EXCLUSIVE` on a connection of its own. */
function heldWriteLock(): StorageFault {
  let holder: Database.Database | null = null;
  return {
    begin(dataDir) {
      holder = new Database(databaseOf(dataDir));
      holder.exec('BEGIN EXCLUSIVE');
    },
    end() {
      holder?.exec('ROLLBACK');
      holder?.close();
    },
  };
}

/**
 * The database and its write-ahead log made immutable (`chattr +i`): the tests run as root, whom
 * chmod does not stop, but the kernel refuses root a write to an immutable file. The shared-memory
 * file stays writable, as on a read-only mount SQLite keeps its index in memory instead.
 */
function readOnlyDatabase(): StorageFault {
  const files = (dataDir: string) => [databaseOf(dataDir), `${databaseOf(dataDir)}-wal`];
  return {
    begin: (dataDir) => execFileSync('chattr', ['+i', ...files(dataDir)]),
    end: (dataDir) => execFileSync('chattr', ['-i', ...files(dataDir)]),
  };
}

/** The data folder on a small file system of its own, filled to the last byte by another file. */
function fullDisk(): StorageFault {
  const fillerOf = (dataDir: string) => path.join(dataDir, 'filler');
  let unmount = () => {};
  return {
    prepare: (dataDir) => (unmount = mountSmallDisk(dataDir, 16)),
    begin(dataDir) {
      // Emptied, the log must grow to take the next write, and there will be no room for it.
      const checkpoint = new Database(databaseOf(dataDir));
      try {
        expect(checkpoint.pragma('wal_checkpoint(TRUNCATE)')).toEqual([expect.objectContaining({ busy: 0 })]);
      } finally {
        checkpoint.close();
      }
      const filler = fs.openSync(fillerOf(dataDir), 'w');
      const block = Buffer.alloc(64 * 1024);
      try {
        for (;;) fs.writeSync(filler, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        fs.closeSync(filler);
      }
    },
    end: (dataDir) => fs.rmSync(fillerOf(dataDir)),
    cleanUp: () => unmount(),
  };
}

async function signIn(client: PortalClient): Promise<Reply> {
  const page = await client.request('GET', '/admin/sign-in');
  return client.postForm('/admin/sign-in', {
    _csrf: csrfTokenIn(page.body),
    email: officerEmail,
    password: officerPassword,
  });
}

function expectTryAgainPage(reply: Reply): void {
  expect({ status: reply.status, retryAfter: reply.headers['retry-after'] }).toEqual({ status: 503, retryAfter: '60' });
  expect(reply.body).toContain('Sorry, we cannot store anything at the moment');
}

/** One value read from the portal's database, on a connection of the test's own. */
const valueIn = (dataDir: string, sql: string, reference: string): unknown => {
  const db = openReadOnly(dataDir);
  try {
    return db.prepare(sql).pluck().get(reference);
  } finally {
    db.close();
  }
};
const statusOf = (dataDir: string, reference: string) =>
  valueIn(dataDir, 'SELECT status FROM submissions WHERE reference = ?', reference);
const receiptStatusOf = (dataDir: string, reference: string) =>
  valueIn(
    dataDir,
    'SELECT o.status FROM outbox o JOIN submissions s ON s.id = o.submission_id WHERE s.reference = ?',
    reference,
  );

/** A fresh data folder for one test, inside the suite's. */
const dataDirFor = (name: string) => {
  const dataDir = path.join(suite.dataDir, name.replaceAll(' ', '-'));
  fs.mkdirSync(dataDir);
  return dataDir;
};

test.each([
  ['another process holds the write lock', heldWriteLock],
  ['the database is read-only', readOnlyDatabase],
  ['the disk is full', fullDisk],
])(
  'while %s, the portal stays up, serves public pages and the officer’s reading pages, answers sign-in and an officer’s change with the “try again” page, logs each fault in one line, and works again once the fault goes',
  async (name, makeFault) => {
    const dataDir = dataDirFor(name);
    const fault = makeFault();
    fault.prepare?.(dataDir);
    const clients: PortalClient[] = [];
    const client = (portal: ServerProcess) => {
      clients.push(new PortalClient(portal.baseUrl));
      return clients.at(-1)!;
    };
    let portal: ServerProcess | null = null;
    try {
      const added = await runBuiltCommand(
        'officer',
        ['add', officerEmail],
        { NODE_ENV: 'test', DATA_DIR: dataDir },
        { stdin: `${officerPassword}\n` },
      );
      expect(added).toMatchObject({ code: 0, stderr: '' });
      portal = await ServerProcess.start({ dataDir, smtpUrl: suite.smtp.url, env: { MAIL_POLL_SECONDS: '0.1' } });
      const { reference } = await client(portal).respond(sampleResponse(1));
      const officer = client(portal);
      expect((await signIn(officer)).status).toBe(303);
      const submissionPage = `/admin/submissions/${reference}`;
      const csrf = csrfTokenIn((await officer.request('GET', submissionPage)).body);
      const printedBefore = portal.printed().length;

      fault.begin(dataDir);
      try {
        for (const page of ['/', '/respond', '/privacy'])
          expect([page, (await client(portal).request('GET', page)).status]).toEqual([page, 200]);
        for (const page of ['/admin', '/admin/submissions', submissionPage])
          expect([page, (await officer.request('GET', page)).status]).toEqual([page, 200]);
        expectTryAgainPage(await signIn(client(portal)));
        expectTryAgainPage(await officer.postForm(`${submissionPage}/review`, { _csrf: csrf, status: 'used' }));
        expect(portal.hasExited).toBe(false);
      } finally {
        fault.end(dataDir);
      }

      expect((await signIn(client(portal))).status).toBe(303);
      expect((await officer.postForm(`${submissionPage}/review`, { _csrf: csrf, status: 'used' })).status).toBe(303);
      expect(statusOf(dataDir, reference!)).toBe('used');
      const printedDuringFault = portal.printed().slice(printedBefore);
      expect(printedDuringFault).toMatch(/storage/i);
      expect(printedDuringFault).not.toMatch(/^\s+at /m);
      expect(await portal.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      for (const each of clients) each.close();
      portal?.kill();
      await portal?.exit();
      fault.cleanUp?.(dataDir);
    }
  },
  60_000,
);

test('a receipt the mail server accepts while another process holds the write lock is recorded as sent once the lock goes, and not sent again; the mail worker logs nothing about the lock', async () => {
  const dataDir = dataDirFor('mail worker');
  const portal = await ServerProcess.start({ dataDir, smtpUrl: suite.smtp.url, env: { MAIL_POLL_SECONDS: '0.1' } });
  const client = new PortalClient(portal.baseUrl);
  const lock = heldWriteLock();
  try {
    suite.smtp.holdReplies();
    const arrived = suite.smtp.nextArrival();
    const { reference } = await client.respond(sampleResponse(2));
    await arrived;
    const receipts = () => suite.smtp.received.filter((mail) => mail.subject?.includes(reference!));

    lock.begin(dataDir);
    try {
      suite.smtp.releaseReplies();
      await waitUntil(() => receipts().length === 1, 'the mail server to accept the receipt', {
        details: () => portal.printed(),
      });
      // Long enough for the worker to hear that it was accepted and fail to record it, several polls over.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(receiptStatusOf(dataDir, reference!)).toBe('sending');
    } finally {
      lock.end(dataDir);
    }

    await waitUntil(() => receiptStatusOf(dataDir, reference!) === 'sent', 'the receipt to be recorded as sent', {
      details: () => portal.printed(),
    });
    expect(await portal.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(receipts()).toHaveLength(1);
    expect(portal.printed()).not.toMatch(/Mail worker/);
  } finally {
    client.close();
    portal.kill();
    await portal.exit();
  }
}, 30_000);
