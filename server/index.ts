import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from './app';
import { ConfigError, createConfig, projectRoot } from './config';
import { ContentError, loadConsultation } from './content/loadConsultation';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { gracefulClose } from './httpShutdown';
import { createServices } from './services';
import { systemClock } from './services/clock';

function start(): void {
  const config = createConfig();
  const consultations = loadConsultation(config.contentDir);
  const db = openDatabase(config.databasePath);
  const applied = migrate(db, path.join(projectRoot, 'migrations'));
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);

  const services = createServices(config, db, consultations, systemClock);
  const recovered = services.submissions.recoverInterruptedWrites();
  const expiredHoldings = services.heldUploads.sweep();
  if (recovered.placed + recovered.removed + expiredHoldings > 0) {
    console.log(
      `Tidied after the last run: ${recovered.placed} file(s) put in place, ${recovered.removed} temporary file(s) and ${expiredHoldings} expired holding(s) removed`,
    );
  }
  // Only this process delivers email, so a message still marked as being sent was cut off by
  // the last run stopping: it goes again now, not when that run's lease would have run out.
  // An erasure cut off by the last run's end may have left email files to remove, and its
  // deleted pages in the write-ahead log.
  const removedCopies = services.mailCopies.removeRecorded();
  if (removedCopies > 0) console.log(`Removed the email files of ${removedCopies} message(s) about erased responses`);
  services.checkpointer.checkpoint();
  const releasedEmails = services.outbox.releaseClaims();
  if (releasedEmails > 0) console.log(`${releasedEmails} email(s) the last run was sending will be sent again`);
  const sweepTimer = setInterval(() => services.heldUploads.sweep(), 60 * 60 * 1000).unref();
  services.mailWorker.start();

  const server = createApp(services).listen(config.port, config.host, () => {
    // The port actually bound, which differs from the setting when PORT is 0.
    const { port } = server.address() as AddressInfo;
    console.log(`The consultation portal is at ${config.baseUrl} (listening on ${config.host}:${port})`);
    console.log(config.mail.smtpUrl ? 'Email goes through the SMTP server in SMTP_URL.' : `Email is written as .eml files to ${config.mail.outboxDir}`);
    const { overrides } = services.window.status();
    if (overrides.opensAt || overrides.closesAt) {
      console.log('The consultation times are overridden by CONSULTATION_OPENS_AT / CONSULTATION_CLOSES_AT: every page says so.');
    }
  });

  const closeServer = gracefulClose(server);
  const shutDown = (signal: string) => {
    console.log(`${signal}: finishing requests and email deliveries in progress, then stopping`);
    clearInterval(sweepTimer);
    services.checkpointer.stop();
    // Settled, not all: a delivery under way is waited for even if closing the server fails.
    void Promise.allSettled([closeServer(), services.mailWorker.stop()]).then((outcomes) => {
      services.transport.close();
      db.close();
      const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
      for (const failure of failures) console.error('The portal could not stop cleanly:', failure.reason);
      process.exit(failures.length > 0 ? 1 : 0);
    });
  };
  process.once('SIGTERM', () => shutDown('SIGTERM'));
  process.once('SIGINT', () => shutDown('SIGINT'));
}

try {
  start();
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(`The portal cannot start.\n${error.message}`);
    process.exit(1);
  }
  throw error;
}
