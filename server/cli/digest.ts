import fs from 'node:fs';
import path from 'node:path';
import { createConfig, projectRoot } from '../config';
import { loadConsultation } from '../content/loadConsultation';
import { openDataStore } from '../db/dataStore';
import { migrate } from '../db/migrate';
import { ServerSettingsRepository } from '../db/serverSettingsRepository';
import { adoptServerSettings } from '../services/serverSettings';
import { createServices } from '../services';
import { commandLine } from '../services/auditLog';
import { systemClock } from '../services/clock';
import { runCommand } from './runCommand';

const usage = `The Policy Officer's email digest.

  npm run digest -- --preview     write the next digest to data/digest-preview.html and .txt, to look at
  npm run digest -- --send-now    make a digest now and send it to the digest's recipients`;

async function main(args: string[]): Promise<void> {
  const settings = createConfig();
  const db = openDataStore(settings);
  migrate(db, path.join(projectRoot, 'migrations'));
  // The address and consultation window of the server that runs on this data, unless set here.
  const config = adoptServerSettings(settings, new ServerSettingsRepository(db));
  const services = createServices(config, db, loadConsultation(config.contentDir), systemClock);
  try {
    if (args.includes('--preview')) {
      const started = performance.now();
      const preview = services.digests.preview();
      const buildMs = performance.now() - started;
      const base = path.join(config.dataDir, 'digest-preview');
      fs.writeFileSync(`${base}.html`, preview.html);
      fs.writeFileSync(`${base}.txt`, `Subject: ${preview.subject}\n\n${preview.text}`);
      console.log(`The next digest is in ${base}.html (open it in a browser) and ${base}.txt`);
      console.log(`It took ${buildMs.toFixed(0)} ms to build.`);
    } else if (args.includes('--send-now')) {
      const recipients = services.digests.recipients();
      if (recipients.length === 0) {
        console.error('Nobody would get it: set DIGEST_RECIPIENTS, or opt in from the workspace’s Digests page.');
        process.exitCode = 1;
        return;
      }
      services.digests.makeNow(commandLine);
      await services.delivery.deliverDue();
      console.log(`Sent to ${recipients.join(', ')}${config.mail.smtpUrl ? '' : ` (written to ${config.mail.outboxDir})`}.`);
    } else {
      console.log(usage);
      process.exitCode = args.length > 0 ? 2 : 0;
    }
  } finally {
    services.transport.close();
    db.close();
  }
}

runCommand(main);
