import path from 'node:path';
import { createApp } from './app';
import { ConfigError, createConfig, projectRoot } from './config';
import { ContentError, loadConsultation } from './content/loadConsultation';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
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
  const sweepTimer = setInterval(() => services.heldUploads.sweep(), 60 * 60 * 1000).unref();
  services.mailWorker.start();

  const server = createApp(services).listen(config.port, config.host, () => {
    console.log(`The consultation portal is at ${config.baseUrl} (listening on ${config.host}:${config.port})`);
    console.log(config.mail.smtpUrl ? 'Email goes through the SMTP server in SMTP_URL.' : `Email is written as .eml files to ${config.mail.outboxDir}`);
    const { overrides } = services.window.status();
    if (overrides.opensAt || overrides.closesAt) {
      console.log('The consultation times are overridden by CONSULTATION_OPENS_AT / CONSULTATION_CLOSES_AT: every page says so.');
    }
  });

  const shutDown = (signal: string) => {
    console.log(`${signal}: finishing requests and email deliveries in progress, then stopping`);
    clearInterval(sweepTimer);
    server.close(() => {
      void services.mailWorker.stop().then(() => {
        services.transport.close();
        db.close();
        process.exit(0);
      });
    });
    server.closeIdleConnections();
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
