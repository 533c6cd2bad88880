import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createConfig, type Config } from './config';
import { failFastWhenLocked } from './platform/db/database';
import { keepFilesPrivate } from './platform/db/dataStore';
import { gracefulClose } from './platform/http/httpShutdown';
import { logFailure } from './platform/logFailure';
import { operatorProblem } from './operatorProblem';
import { openPortal } from './composition';
import type { Portal } from './services';
import { systemClock } from './platform/time/clock';
import { HeldUploads } from './submissions/reports/heldUploads';
import { runEvery } from './platform/jobs/runEvery';

const hourMs = 60 * 60 * 1000;

/** Why the server could not listen, for the operator; null for anything unforeseen. */
function listenProblem(error: NodeJS.ErrnoException, { host, port }: Config): string | null {
  switch (error.code) {
    case 'EADDRINUSE':
      return `PORT: port ${port} on ${host} is already in use, perhaps by another copy of the portal. Stop what is using it, or set PORT to a free port.`;
    case 'EACCES':
      return `PORT: this user may not listen on port ${port}. Use a port of 1024 or above (behind a reverse proxy for 80 or 443).`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `HOST: ${host} is not an address of this machine.`;
    default:
      return null;
  }
}

/** Puts right what the last run left (files, email it was sending) and says what it did. */
function tidyAfterLastRun(portal: Portal): void {
  const recovered = portal.submissions.recoverInterruptedWrites();
  const expiredHoldings = portal.heldUploads.sweep();
  if (recovered.placed + recovered.removed + expiredHoldings > 0) {
    console.log(
      `Tidied after the last run: ${recovered.placed} file(s) put in place, ${recovered.removed} temporary file(s) and ${expiredHoldings} expired holding(s) removed`,
    );
  }
  portal.sessions.sweepExpired();
  // Drafts past their time go now, and a draft's file whose move to its response a crash cut short is put in place.
  portal.drafts.removeExpired();
  // Only this process delivers email, so a message still marked as being sent was cut off by
  // the last run stopping: it goes again now, not when that run's lease would have run out.
  // An erasure cut off by the last run's end may have left email files to remove, and its
  // deleted pages in the write-ahead log.
  const removedCopies = portal.mailCopies.removeRecorded();
  if (removedCopies > 0) console.log(`Removed the email files of ${removedCopies} message(s) about erased responses`);
  portal.checkpointer.checkpoint();
  // The content's CLPs go into the register the first time the server starts, so the officer
  // finds the register begun rather than empty; never again, so deletions stay deleted.
  const shippedUnits = portal.units.loadShippedUnitsOnce();
  if (shippedUnits > 0) console.log(`Put the content's ${shippedUnits} units in the empty register of units`);
  const releasedEmails = portal.outbox.releaseClaims();
  if (releasedEmails > 0) console.log(`${releasedEmails} email(s) the last run was sending will be sent again`);
}

/**
 * The work the server does besides answering requests, on timers started here and nowhere else;
 * returns how to stop it.
 */
function startBackgroundWork(portal: Portal): () => void {
  const timers = [
    runEvery(HeldUploads.sweepEveryMs, 'Removing expired held uploads', () => portal.heldUploads.sweep()),
    runEvery(hourMs, 'Removing expired officer sessions', () => portal.sessions.sweepExpired()),
    runEvery(hourMs, 'Removing unconfirmed imports of the register of units', () => portal.units.forgetStaleImports()),
    runEvery(HeldUploads.sweepEveryMs, 'Removing expired drafts and their files', () => portal.drafts.removeExpired()),
    runEvery(HeldUploads.sweepEveryMs, 'Removing the files of erased responses', () =>
      portal.attachments.discardAllSetAside(),
    ),
  ];
  portal.mailWorker.start();
  return () => timers.forEach(clearInterval);
}

/**
 * Stops on SIGTERM or SIGINT: no new connections, then requests and the email delivery under way
 * are finished, for up to SHUTDOWN_TIMEOUT_SECONDS, after which what is left is cut off. Nothing
 * acknowledged is lost either way: a response is stored before it is acknowledged, and an email
 * cut off stays in the outbox for the next start. Exits 1 if closing the server or the database fails.
 */
function stopOnSignal(
  portal: Portal,
  closeServer: ReturnType<typeof gracefulClose>,
  stopBackgroundWork: () => void,
): void {
  const { shutdownTimeoutMs } = portal.config;
  const shutDown = async (signal: string) => {
    console.log(
      `${signal}: finishing requests and email deliveries in progress (for up to ${shutdownTimeoutMs / 1000} s), then stopping`,
    );
    stopBackgroundWork();
    portal.checkpointer.stop();
    const deadline = new AbortController();
    const deadlineTimer = setTimeout(() => deadline.abort(), shutdownTimeoutMs);
    // Settled, not all: a delivery under way is waited for even if closing the server fails.
    const [server, mail] = await Promise.allSettled([
      closeServer(deadline.signal),
      portal.mailWorker.stop(deadline.signal),
    ]);
    clearTimeout(deadlineTimer);
    const failures: unknown[] = [];
    if (server.status === 'rejected') failures.push(server.reason);
    else if (server.value.cutOff > 0) console.log(`${server.value.cutOff} request(s) still under way were cut off.`);
    if (mail.status === 'fulfilled' && !mail.value)
      console.log('The email being sent was cut off; it goes again at the next start.');
    try {
      portal.close();
    } catch (error) {
      failures.push(error);
    }
    for (const failure of failures) console.error('The portal could not stop cleanly:', failure);
    process.exit(failures.length > 0 ? 1 : 0);
  };
  process.once('SIGTERM', () => void shutDown('SIGTERM'));
  process.once('SIGINT', () => void shutDown('SIGINT'));
}

function start(): void {
  keepFilesPrivate();
  const portal = openPortal(createConfig(), systemClock, { serverSettings: 'settle' });
  const { config, db, appliedMigrations } = portal;
  if (appliedMigrations.length > 0) console.log(`Applied migrations: ${appliedMigrations.join(', ')}`);
  tidyAfterLastRun(portal);
  failFastWhenLocked(db);

  const server = createApp(portal).listen(config.port, config.host, (error?: NodeJS.ErrnoException) => {
    if (error) {
      const problem = listenProblem(error, config);
      if (problem === null) throw error;
      console.error(`The portal cannot start.\n${problem}`);
      db.close();
      process.exit(1);
    }
    // The port actually bound, which differs from the setting when PORT is 0.
    const { port } = server.address() as AddressInfo;
    console.log(`The consultation portal is at ${config.baseUrl} (listening on ${config.host}:${port})`);
    console.log(
      config.mail.smtpUrl
        ? 'Email goes through the SMTP server in SMTP_URL.'
        : `Email is written as .eml files to ${config.mail.outboxDir}`,
    );
    const { overrides } = portal.window.status();
    if (overrides.opensAt || overrides.closesAt) {
      console.log(
        'The consultation times are overridden by CONSULTATION_OPENS_AT / CONSULTATION_CLOSES_AT: every page says so.',
      );
    }
    stopOnSignal(portal, gracefulClose(server), startBackgroundWork(portal));
  });
}

// A promise that fails with nothing to hear it is a bug, but one piece of work's: logged, not the end of the portal.
process.on('unhandledRejection', (reason) => logFailure('A failure nothing handled', reason));

try {
  start();
} catch (error) {
  const problem = operatorProblem(error);
  if (problem === null) throw error;
  console.error(`The portal cannot start.\n${problem}`);
  process.exit(1);
}
