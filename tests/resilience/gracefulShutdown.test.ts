import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PortalClient, type BodyWriter } from '../support/portalClient';
import { sampleResponse } from '../support/sampleResponses';
import { processSuite } from '../support/processSuite';
import { ServerProcess } from '../support/serverProcess';
import { openReadOnly, problemsWithDeliveries, problemsWithStore } from '../support/storedResponses';
import { filesUnder } from '../support/testPortal';
import { waitUntil } from '../support/waitUntil';

const suite = processSuite('shutdown');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a new TCP connection to the port is accepted. */
function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A body writer that stops in the middle of the first report, says so, and sends the rest when told. */
function slowUpload(): { writer: BodyWriter; partSent: Promise<void>; finish: () => void } {
  let finish = () => {};
  let reportPartSent = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const partSent = new Promise<void>((resolve) => (reportPartSent = resolve));
  const writer: BodyWriter = async (request, body) => {
    const inFirstReport = body.indexOf('%PDF') + 100;
    request.write(body.subarray(0, inFirstReport));
    reportPartSent();
    await finished;
    request.write(body.subarray(inFirstReport));
  };
  return { writer, partSent, finish };
}

test('SIGTERM: a slow upload under way is finished and acknowledged, the email being sent goes, no new connection is taken, and the exit code is 0', async () => {
  const portal = await suite.start({ MAIL_POLL_SECONDS: '0.1' });

  // An email under way: the mail server has the receipt's data but holds back its reply.
  suite.smtp.holdReplies();
  const receiptArrived = suite.smtp.nextArrival();
  const first = sampleResponse(1);
  const firstClient = new PortalClient(portal.baseUrl);
  const firstReference = (await firstClient.respond(first)).reference;
  expect(firstReference).not.toBeNull();
  await receiptArrived;

  // A slow upload: the form was opened on a kept-alive connection, and the post is in the middle of a report.
  const slow = sampleResponse(2, 2);
  const slowClient = new PortalClient(portal.baseUrl);
  const upload = slowUpload();
  const slowOutcome = slowClient.post(slow, await slowClient.openForm(), upload.writer);
  await upload.partSent;
  await waitUntil(
    () => filesUnder(path.join(suite.dataDir, 'tmp', 'incoming')).length > 0,
    'the upload to reach the server',
    {
      details: () => portal.printed(),
    },
  );

  portal.signal('SIGTERM');
  await portal.waitForOutput(/SIGTERM: finishing requests/);
  expect(await acceptsConnections(portal.port)).toBe(false);
  await pause(300);
  expect(portal.hasExited).toBe(false);

  upload.finish();
  const { status, reference: slowReference } = await slowOutcome;
  expect(status).toBe(303);
  expect(slowReference).not.toBeNull();
  await pause(300);
  // Still waiting for the mail server's reply.
  expect(portal.hasExited).toBe(false);

  suite.smtp.releaseReplies();
  // Well within the five-second keep-alive timeout: the upload's connection was closed with its response.
  expect(await portal.exit(3_000)).toEqual({ code: 0, signal: null });
  firstClient.close();
  slowClient.close();

  const responses = {
    sent: new Map([first, slow].map((response) => [response.formToken, response])),
    acknowledged: new Map([
      [first.formToken, firstReference!],
      [slow.formToken, slowReference!],
    ]),
  };
  expect(problemsWithStore(suite.dataDir, responses)).toEqual([]);
  expect(problemsWithDeliveries(suite.dataDir, responses, suite.smtp.received, { everyReceipt: false })).toEqual([]);
  expect(suite.smtp.received.map((mail) => mail.subject)).toEqual([expect.stringContaining(firstReference!)]);
  const db = openReadOnly(suite.dataDir);
  try {
    // The receipt for the upload is kept for the next start: nothing is left half-sent.
    expect(
      db
        .prepare(
          'SELECT s.reference, o.status FROM outbox o JOIN submissions s ON s.id = o.submission_id ORDER BY o.id',
        )
        .all(),
    ).toEqual([
      { reference: firstReference, status: 'sent' },
      { reference: slowReference, status: 'pending' },
    ]);
  } finally {
    db.close();
  }
}, 30_000);

test('SIGTERM while a client sends its upload a byte a second: at SHUTDOWN_TIMEOUT_SECONDS the upload is cut off, and the exit code is 0 with every acknowledged response stored', async () => {
  const dataDir = path.join(suite.dataDir, 'deadline');
  fs.mkdirSync(dataDir);
  const portal = await ServerProcess.start({
    dataDir,
    smtpUrl: suite.smtp.url,
    env: { SHUTDOWN_TIMEOUT_SECONDS: '1' },
  });
  const clients = [new PortalClient(portal.baseUrl), new PortalClient(portal.baseUrl)];
  try {
    const acknowledged = sampleResponse(3);
    const { reference } = await clients[0]!.respond(acknowledged);
    expect(reference).not.toBeNull();

    const trickle: BodyWriter = async (request, body) => {
      const inFirstReport = body.indexOf('%PDF') + 100;
      request.write(body.subarray(0, inFirstReport));
      for (let sent = inFirstReport; sent < body.length && !request.destroyed; sent += 1) {
        request.write(body.subarray(sent, sent + 1));
        await pause(1_000);
      }
    };
    const slow = sampleResponse(4, 1);
    const slowOutcome = clients[1]!.post(slow, await clients[1]!.openForm(), trickle).then(
      () => 'answered',
      () => 'cut off',
    );
    await waitUntil(
      () => filesUnder(path.join(dataDir, 'tmp', 'incoming')).length > 0,
      'the upload to reach the server',
      {
        details: () => portal.printed(),
      },
    );

    portal.signal('SIGTERM');
    expect(await portal.exit(15_000)).toEqual({ code: 0, signal: null });
    expect(await slowOutcome).toBe('cut off');
    expect(portal.printed()).toContain('1 request(s) still under way were cut off.');
    const responses = {
      sent: new Map([[acknowledged.formToken, acknowledged]]),
      acknowledged: new Map([[acknowledged.formToken, reference!]]),
    };
    expect(problemsWithStore(dataDir, responses)).toEqual([]);
  } finally {
    for (const client of clients) client.close();
    portal.kill();
  }
}, 30_000);
