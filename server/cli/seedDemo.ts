import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createConfig, projectRoot } from '../config';
import { openPortal } from '../composition';
import { DuplicateReference } from '../submissions/submissionRepository';
import { loadCorpus } from '../features/demo/corpus';
import { demoUnits, demoUnitsCsv } from '../features/demo/demoUnits';
import { commandLine } from '../platform/audit/auditLog';
import { asNewSubmission, demoPeriod, DemoSubmissions, type DemoResponse } from '../features/demo/demoSubmissions';
import { systemClock } from '../platform/time/clock';
import { runCommand } from './runCommand';

const usage = `Fills the database with made-up responses, for a demonstration or a benchmark.

  npm run seed:demo -- --count 10000 [--seed 1]

The responses arrive while the portal is open, up to now. Like npm start, npm run seed:demo
previews the consultation as if it closed 28 days from now (CONSULTATION_CLOSES_AT=P28D) unless
CONSULTATION_CLOSES_AT is set; in a preview they arrive over the consultation's own length,
ending at that deadline. CONSULTATION_OPENS_AT moves the start. They are added to what is
already there.

It also fills the register of units with a made-up register: the 40 CLPs, three branches in each,
a Labour Group on each council and the affiliates, each with a made-up secretary at example.org.
Run again, it finds them already there and changes nothing.`;

const batchSize = 10_000;

function numberAfter(args: string[], flag: string): number | null {
  const index = args.indexOf(flag);
  if (index === -1) return null;
  const value = Number(args[index + 1]);
  return Number.isSafeInteger(value) && value > 0 ? value : NaN;
}

async function main(args: string[]): Promise<void> {
  const count = numberAfter(args, '--count');
  const seed = numberAfter(args, '--seed') ?? 1;
  if (count === null || Number.isNaN(count) || Number.isNaN(seed)) {
    console.log(usage);
    process.exitCode = count === null && args.length === 0 ? 0 : 2;
    return;
  }
  // As the server does as it starts: a preview's deadline, worked out here first, is the one it keeps.
  const portal = openPortal(createConfig(), systemClock, { serverSettings: 'settle', sendsEmail: false });
  const { consultation, db, attachments: store } = portal;
  const { submissions, reviews } = portal.repositories;
  const window = portal.window.status();
  const period = demoPeriod(window, consultation, systemClock.now());
  if (period === null) {
    console.error(
      `The consultation opens at ${window.opensAt.toISOString()}: there is no time yet for responses to have arrived in.`,
    );
    portal.close();
    process.exitCode = 1;
    return;
  }
  const generator = new DemoSubmissions(
    consultation,
    loadCorpus(path.join(projectRoot, 'bench', 'corpus')),
    period,
    count,
    seed,
  );

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
        if (!(error instanceof DuplicateReference)) throw error;
        reference = generator.next().reference;
      }
    }
  };

  const register = portal.units.importAtOnce(
    Buffer.from(demoUnitsCsv(demoUnits(consultation, portal.consultations.cy))),
    commandLine,
  );
  if (!register.ok) throw new Error(`The demo register was refused: ${JSON.stringify(register.problems)}`);
  const { added, updated, unchanged } = register.plan.counts;
  console.log(`Register of units: ${added} added, ${updated} updated, ${unchanged} unchanged`);

  const started = Date.now();
  try {
    for (let done = 0; done < count;) {
      const size = Math.min(batchSize, count - done);
      const toPlace = db.transaction(() =>
        Array.from({ length: size }, () => insertResponse(generator.next())).flat(),
      )();
      for (const [incoming, storedName] of toPlace) store.place(incoming, storedName);
      done += size;
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `${done.toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')} responses (${Math.round(done / seconds).toLocaleString('en-GB')} a second)`,
      );
    }
    db.pragma('optimize');
  } finally {
    portal.close();
  }
}

runCommand(main);
