import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SqliteError } from 'better-sqlite3';
import { createConfig, projectRoot } from '../config';
import { loadConsultation } from '../consultation/loadConsultation';
import { openDataStore } from '../platform/db/dataStore';
import { migrate } from '../platform/db/migrate';
import { ServerSettingsRepository } from '../platform/settings/serverSettingsRepository';
import { ReviewRepository } from '../submissions/reviewRepository';
import { SubmissionRepository } from '../submissions/submissionRepository';
import { loadCorpus } from '../features/demo/corpus';
import { asNewSubmission, demoPeriod, DemoSubmissions, type DemoResponse } from '../features/demo/demoSubmissions';
import { AttachmentStore } from '../submissions/reports/attachmentStore';
import { systemClock } from '../platform/time/clock';
import { settleServerSettings } from '../platform/settings/serverSettings';
import { ConsultationWindow } from '../consultation/consultationWindow';
import { runCommand } from './runCommand';

const usage = `Fills the database with made-up responses, for a demonstration or a benchmark.

  npm run seed:demo -- --count 10000 [--seed 1]

The responses arrive while the portal is open, up to now. Like npm start, npm run seed:demo
previews the consultation as if it closed 28 days from now (CONSULTATION_CLOSES_AT=P28D) unless
CONSULTATION_CLOSES_AT is set; in a preview they arrive over the consultation's own length,
ending at that deadline. CONSULTATION_OPENS_AT moves the start. They are added to what is
already there.`;

const batchSize = 10_000;

function numberAfter(args: string[], flag: string): number | null {
  const index = args.indexOf(flag);
  if (index === -1) return null;
  const value = Number(args[index + 1]);
  return Number.isSafeInteger(value) && value > 0 ? value : NaN;
}

function isReferenceCollision(error: unknown): boolean {
  return error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('reference');
}

async function main(args: string[]): Promise<void> {
  const count = numberAfter(args, '--count');
  const seed = numberAfter(args, '--seed') ?? 1;
  if (count === null || Number.isNaN(count) || Number.isNaN(seed)) {
    console.log(usage);
    process.exitCode = count === null && args.length === 0 ? 0 : 2;
    return;
  }
  const settings = createConfig();
  const consultation = loadConsultation(settings.contentDir).en;
  const db = openDataStore(settings);
  migrate(db, path.join(projectRoot, 'migrations'));
  // As the server does as it starts: a preview's deadline, worked out here first, is the one it keeps.
  const config = settleServerSettings(settings, new ServerSettingsRepository(db), systemClock.now());
  const window = new ConsultationWindow(consultation, systemClock, config.opensAtOverride, config.closesAtOverride, config.lateResponseGraceMs).status();
  const period = demoPeriod(window, consultation, systemClock.now());
  if (period === null) {
    console.error(`The consultation opens at ${window.opensAt.toISOString()}: there is no time yet for responses to have arrived in.`);
    db.close();
    process.exitCode = 1;
    return;
  }
  const submissions = new SubmissionRepository(db);
  const reviews = new ReviewRepository(db);
  const store = new AttachmentStore(config.uploadsDir, config.tempDir);
  const generator = new DemoSubmissions(consultation, loadCorpus(path.join(projectRoot, 'bench', 'corpus')), period, count, seed);

  /** Stores one response; its report waits in incoming/ until the batch commits. Returns where its files go. */
  const insertResponse = (response: DemoResponse): [string, string][] => {
    const files = response.reports.map((report) => {
      const storedName = randomBytes(16).toString('hex');
      const incoming = path.join(store.incomingDir, storedName);
      fs.writeFileSync(incoming, report.content);
      return { storedName, incoming, report };
    });
    let reference = response.reference;
    for (;;) {
      try {
        const attachments = files.map(({ storedName, report }) => ({
          storedName,
          originalName: report.originalName,
          mediaType: 'application/pdf',
          sizeBytes: report.content.length,
          risk: null,
        }));
        const id = submissions.insert(asNewSubmission(response, consultation.slug, reference, attachments));
        if (response.status !== 'new') reviews.setStatus(id, response.status);
        return files.map(({ storedName, incoming }) => [incoming, storedName]);
      } catch (error) {
        if (!isReferenceCollision(error)) throw error;
        reference = generator.next().reference;
      }
    }
  };

  const started = Date.now();
  try {
    for (let done = 0; done < count; ) {
      const size = Math.min(batchSize, count - done);
      const toPlace = db.transaction(() => Array.from({ length: size }, () => insertResponse(generator.next())).flat())();
      for (const [incoming, storedName] of toPlace) store.place(incoming, storedName);
      done += size;
      const seconds = (Date.now() - started) / 1000;
      console.log(`${done.toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')} responses (${Math.round(done / seconds).toLocaleString('en-GB')} a second)`);
    }
    db.pragma('optimize');
  } finally {
    db.close();
  }
}

runCommand(main);
