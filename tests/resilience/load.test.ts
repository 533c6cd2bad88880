import { PortalClient, type ResponseToSend } from '../support/portalClient';
import { sampleResponse } from '../support/sampleResponses';
import { processSuite } from '../support/processSuite';
import { problemsWithDeliveries, problemsWithStore } from '../support/storedResponses';

const clients = 200;
const loadMs = 20_000;

const suite = processSuite('load');

beforeAll(() => suite.start({ MAIL_POLL_SECONDS: '0.5' }), 15_000);

/** Adds each client's counts of replies into one summary, as "POST /respond 303" → count. */
function addReplies(total: Map<string, number>, client: PortalClient): void {
  for (const [kind, count] of client.replies) total.set(kind, (total.get(kind) ?? 0) + count);
}

test(`${clients} clients posting responses for ${loadMs / 1000} s: every acknowledged response is stored whole with one receipt, and nothing fails`, async () => {
  const portal = suite.server!;
  const sent = new Map<string, ResponseToSend>();
  const acknowledged = new Map<string, string>();
  const failures: string[] = [];
  const replies = new Map<string, number>();
  let serial = 0;
  const stopAt = Date.now() + loadMs;

  // One person at a time per client, as a browser: open the form, post it, see the confirmation.
  const respondUntilTime = async () => {
    const client = new PortalClient(portal.baseUrl);
    try {
      while (Date.now() < stopAt) {
        serial += 1;
        // Every fourth response carries a report, so that files are written all through the run.
        const response = sampleResponse(serial, serial % 4 === 0 ? 1 : 0);
        sent.set(response.formToken, response);
        try {
          const { status, reference } = await client.respond(response);
          if (!reference) {
            failures.push(`POST /respond answered ${status}, not the redirect to the confirmation`);
            continue;
          }
          acknowledged.set(response.formToken, reference);
          const shown = await client.confirmationReference();
          if (shown !== reference)
            failures.push(`acknowledged as ${reference}, but the confirmation page shows ${shown}`);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    } finally {
      addReplies(replies, client);
      client.close();
    }
  };
  await Promise.all(Array.from({ length: clients }, respondUntilTime));
  const exit = await portal.stop('SIGTERM');

  const summary = [...replies].map(([kind, count]) => `${kind}: ${count}`).join(', ');
  console.log(
    `${acknowledged.size} responses acknowledged in ${loadMs / 1000} s by ${clients} clients (${summary}); ${suite.smtp.received.length} receipts delivered meanwhile`,
  );
  expect([...replies.keys()].filter((kind) => / 5\d\d$/.test(kind))).toEqual([]);
  expect(failures.slice(0, 10)).toEqual([]);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(acknowledged.size).toBeGreaterThan(clients);

  expect(problemsWithStore(suite.dataDir, { sent, acknowledged }).slice(0, 20)).toEqual([]);
  expect(
    problemsWithDeliveries(suite.dataDir, { sent, acknowledged }, suite.smtp.received, { everyReceipt: false }),
  ).toEqual([]);
}, 45_000);
