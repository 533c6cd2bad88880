import path from 'node:path';
import { PortalClient, type ResponseToSend } from '../support/portalClient';
import { sampleResponse } from '../support/sampleResponses';
import { processSuite } from '../support/processSuite';
import { deliveriesById, openReadOnly, problemsWithDeliveries, problemsWithStore } from '../support/storedResponses';
import { filesUnder } from '../support/testPortal';
import { waitUntil } from '../support/waitUntil';

const burstClients = 16;
/** Responses acknowledged before the kill: enough that the burst is well under way. */
const acknowledgedBeforeKill = 40;
const mailSettings = { MAIL_POLL_SECONDS: '0.1' };

const suite = processSuite('crash');

/** The Message-IDs of the messages in the outbox being sent, or not yet sent. */
const messagesWhere = (condition: "status = 'sending'" | "status <> 'sent'") => {
  const db = openReadOnly(suite.dataDir);
  try {
    return db.prepare<[], string>(`SELECT message_id FROM outbox WHERE ${condition}`).pluck().all();
  } finally {
    db.close();
  }
};

/** The lines the server prints at start about what the last run left: files, and email it was sending. */
const tidiedLine = /Tidied after the last run: (\d+) file\(s\) put in place, (\d+) temporary file\(s\)/;
const releasedLine = /(\d+) email\(s\) the last run was sending will be sent again/;
const countIn = (output: string, line: RegExp, ...groups: number[]) => {
  const match = line.exec(output);
  return match ? groups.reduce((total, group) => total + Number(match[group]), 0) : 0;
};

test('SIGKILL in the middle of a burst of uploads, then a restart: nothing acknowledged is lost or damaged, nothing is left over, and every receipt arrives once (the one cut off mid-delivery at most twice, under one Message-ID)', async () => {
  let server = await suite.start(mailSettings);
  const sent = new Map<string, ResponseToSend>();
  const acknowledged = new Map<string, string>();
  const failures: string[] = [];
  let serial = 0;
  let killed = false;

  const postUntilKilled = async (client: PortalClient) => {
    while (!killed) {
      serial += 1;
      const response = sampleResponse(serial, 1 + (serial % 3));
      sent.set(response.formToken, response);
      try {
        const { status, reference } = await client.respond(response);
        if (reference) acknowledged.set(response.formToken, reference);
        else if (!killed) failures.push(`POST /respond answered ${status} before the kill`);
      } catch (error) {
        // Requests cut off by the kill fail: that is the point. Any other failure is not.
        if (!killed) failures.push((error as Error).message);
      }
    }
  };
  const clients = Array.from({ length: burstClients }, () => new PortalClient(server.baseUrl));
  const burst = Promise.all(clients.map(postUntilKilled));

  await waitUntil(
    () => acknowledged.size >= acknowledgedBeforeKill || failures.length > 0,
    `${acknowledgedBeforeKill} acknowledged responses`,
    {
      timeoutMs: 15_000,
      details: () => server.printed(),
    },
  );
  expect(failures).toEqual([]);
  killed = true;
  server.kill();
  expect(await server.exit()).toEqual({ code: null, signal: 'SIGKILL' });
  await burst;
  for (const client of clients) client.close();

  const leftOver = filesUnder(path.join(suite.dataDir, 'tmp')).length;
  // Receipts are queued faster than the mail server takes them, so one is always being sent.
  const beingSent = messagesWhere("status = 'sending'");
  expect(beingSent).toHaveLength(1);
  const deliveredBeforeRestart = suite.smtp.received.length;

  server = await suite.start(mailSettings);
  expect(countIn(server.printed(), tidiedLine, 1, 2)).toBe(leftOver);
  expect(filesUnder(path.join(suite.dataDir, 'tmp', 'incoming'))).toEqual([]);

  // The message the killed process was sending goes again at once, not when its lease runs out.
  expect(countIn(server.printed(), releasedLine, 1)).toBe(beingSent.length);
  await waitUntil(() => messagesWhere("status <> 'sent'").length === 0, 'every email to be sent', {
    timeoutMs: 15_000,
    details: () => server.printed(),
  });
  expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });

  const cutOff = beingSent[0]!;
  console.log(
    `Killed after ${acknowledged.size} of ${sent.size} responses were acknowledged, with ${leftOver} temporary file(s) left ` +
      `and ${deliveredBeforeRestart} email(s) delivered; the one being sent arrived ${deliveriesById(suite.smtp.received).get(cutOff)} time(s)`,
  );
  expect(problemsWithStore(suite.dataDir, { sent, acknowledged }).slice(0, 20)).toEqual([]);
  expect(
    problemsWithDeliveries(suite.dataDir, { sent, acknowledged }, suite.smtp.received, { everyReceipt: true, cutOff }),
  ).toEqual([]);
}, 30_000);
