import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createConfig } from '../config';
import { isLanguage, type Language } from '../platform/vocabulary';
import { openPortal } from '../composition';
import { commandLine } from '../platform/audit/auditLog';
import { systemClock } from '../platform/time/clock';
import { runCommand } from './runCommand';

const usage = `The Policy Officer's email digest.

  npm run digest -- --preview                 write the next digest to data/digest-preview.html and .txt, to look at
  npm run digest -- --preview --language cy   the same in Welsh (en, English, is the default)
  npm run digest -- --send-now                make a digest now and send it to the digest's recipients, each in their language`;

type Request =
  | { readonly action: 'preview'; readonly language: Language }
  | { readonly action: 'send-now' }
  | { readonly action: 'unknown-language'; readonly language: string };

/** What the command is asked to do, or null if the arguments are not one of its forms. */
function readRequest(args: string[]): Request | null {
  try {
    const { values } = parseArgs({
      args,
      options: { preview: { type: 'boolean' }, 'send-now': { type: 'boolean' }, language: { type: 'string' } },
    });
    if (values.preview && !values['send-now']) {
      const language = values.language ?? 'en';
      return isLanguage(language) ? { action: 'preview', language } : { action: 'unknown-language', language };
    }
    if (values['send-now'] && !values.preview && values.language === undefined) return { action: 'send-now' };
    return null;
  } catch {
    // An option it does not know, or --language without a value.
    return null;
  }
}

async function main(args: string[]): Promise<void> {
  const request = readRequest(args);
  if (!request || request.action === 'unknown-language') {
    if (request) console.error(`--language ${request.language}: write en for English or cy for Welsh.`);
    else console.log(usage);
    process.exitCode = args.length > 0 ? 2 : 0;
    return;
  }
  // The address and consultation window of the server that runs on this data, unless set here.
  const portal = openPortal(createConfig(), systemClock, { serverSettings: 'adopt' });
  const { config } = portal;
  try {
    if (request.action === 'preview') {
      const started = performance.now();
      const preview = portal.digests.preview(request.language);
      const buildMs = performance.now() - started;
      const base = path.join(config.dataDir, 'digest-preview');
      fs.writeFileSync(`${base}.html`, preview.html);
      fs.writeFileSync(`${base}.txt`, `Subject: ${preview.subject}\n\n${preview.text}`);
      console.log(`The next digest is in ${base}.html (open it in a browser) and ${base}.txt`);
      console.log(`It took ${buildMs.toFixed(0)} ms to build.`);
    } else {
      const recipients = portal.digests.recipients();
      if (recipients.length === 0) {
        console.error('Nobody would get it: set DIGEST_RECIPIENTS, or opt in from the workspace’s Digests page.');
        process.exitCode = 1;
        return;
      }
      portal.digests.makeNow(commandLine);
      await portal.delivery.deliverDue();
      const readers = recipients.map(({ address, language }) => `${address} (${language})`).join(', ');
      console.log(`Sent to ${readers}${config.mail.smtpUrl ? '' : ` (written to ${config.mail.outboxDir})`}.`);
    }
  } finally {
    portal.close();
  }
}

runCommand(main);
