import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { pdfFile } from '../support/files';
import { addOfficer, signIn } from '../support/officer';
import { openForm, postResponse, validFields } from '../support/respond';
import { TestSmtpServer } from '../support/smtp';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { waitUntil } from '../support/waitUntil';

// Words that only the response to be erased uses: its name, email address, answer, report's name and report's text.
const erasedWords = [
  'Quokkadwyn',
  'quokkadwyn@example.org',
  'Marmaladeorchestra',
  'Aardvarkminutes',
  'Hippocampusviolin',
];
const commandLine = { officerId: null, name: 'test' };

let smtp: TestSmtpServer;
let portal: TestPortal;

beforeEach(async () => {
  smtp = new TestSmtpServer();
  await smtp.start();
});

afterEach(async () => {
  portal.services.checkpointer.stop();
  portal.services.transport.close();
  portal.close();
  await smtp.stop();
});

function startPortal(transport: 'file' | 'smtp'): TestPortal {
  portal = createTestPortal({
    env: { DIGEST_RECIPIENTS: 'policy.officer@example.org', ...(transport === 'smtp' ? { SMTP_URL: smtp.url } : {}) },
    services: { checkpointRetries: { firstRetryMs: 10, longestRetryMs: 50 } },
  });
  return portal;
}

/** Sends a response through the form, as a respondent does; returns its reference. */
async function respond(
  fields: Record<string, string>,
  reports: { name: string; content: Buffer }[] = [],
): Promise<string> {
  const { agent, csrf } = await openForm(portal.app);
  await postResponse(agent, csrf, validFields(fields), reports).expect(303);
  return portal.db.prepare('SELECT reference FROM submissions ORDER BY id DESC LIMIT 1').pluck().get() as string;
}

const respondToBeErased = () =>
  respond(
    {
      name: 'Carys Quokkadwyn',
      email: 'quokkadwyn@example.org',
      'answer__health-and-social-care': 'Marmaladeorchestra for every ward.',
    },
    [{ name: 'Aardvarkminutes.pdf', content: pdfFile('Hippocampusviolin workshop') }],
  );
const respondToBeKept = () =>
  respond({ name: 'Dafydd Kept', email: 'dafydd@example.org', 'answer__health-and-social-care': 'Keep this answer.' });

/**
 * Every file under the data folder as text: its raw bytes, and for an email file its decoded parts
 * too, since a mail encoding can break a word across lines.
 */
async function dataFolderText(): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const relative of filesUnder(portal.dataDir)) {
    const raw = fs.readFileSync(path.join(portal.dataDir, relative));
    let text = raw.toString('latin1');
    if (relative.endsWith('.eml')) {
      const mail = await simpleParser(raw);
      text += `\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
    }
    texts.set(relative, text);
  }
  return texts;
}

async function filesMentioning(words: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const [file, text] of await dataFolderText()) {
    for (const word of words) if (text.includes(word)) found.push(`${file}: ${word}`);
  }
  return found;
}

describe.each(['file', 'smtp'] as const)(
  'erasing a response whose receipt and digest were sent (%s transport)',
  (transport) => {
    test('leaves no byte of it in any file under the data folder, and the digest says a response was erased', async () => {
      startPortal(transport);
      const erased = await respondToBeErased();
      const kept = await respondToBeKept();
      await portal.services.delivery.deliverDue();
      portal.services.digests.makeNow(commandLine);
      await portal.services.delivery.deliverDue();
      const everywhereBefore = (await filesMentioning(erasedWords)).join('\n');
      for (const word of erasedWords) expect(everywhereBefore).toContain(word);
      if (transport === 'file') expect(everywhereBefore).toMatch(/outbox\/.*\.eml: Quokkadwyn/);

      portal.services.erasure.erase(erased, commandLine);

      expect(await filesMentioning(erasedWords)).toEqual([]);
      expect(portal.services.checkpointer.pending).toBe(false);
      const digest = portal.db
        .prepare("SELECT text_body AS text, html_body AS html FROM outbox WHERE kind = 'digest'")
        .get() as { text: string; html: string };
      for (const part of [digest.text, digest.html]) {
        expect(part).toContain('A response erased on request.');
        expect(part).toContain(kept);
        expect(part).toContain('Dafydd Kept');
        expect(part).not.toContain(erased);
      }
    });
  },
);

test('a digest still waiting to be sent goes without the erased response, and the Digests page still shows it', async () => {
  startPortal('smtp');
  const erased = await respondToBeErased();
  await respondToBeKept();
  portal.services.digests.makeNow(commandLine);

  portal.services.erasure.erase(erased, commandLine);
  await portal.services.delivery.deliverDue();

  const digest = smtp.received.find((mail) => mail.subject?.includes('digest'))!;
  for (const part of [digest.text!, digest.html as string]) {
    expect(part).toContain('A response erased on request.');
    expect(part).toContain('Dafydd Kept');
    for (const word of erasedWords) expect(part).not.toContain(word);
  }
  await addOfficer(portal);
  const { agent } = await signIn(portal.app);
  const page = await agent.get('/admin/digests').expect(200);
  expect(page.text).toMatch(/<td>Digest<\/td>\s*<td class="numeric">2<\/td>\s*<td>1 sent, 0 waiting, 0 failed<\/td>/);
});

test('each copy of a digest is written again in its own language: the English and the Welsh both lose the response', async () => {
  startPortal('smtp');
  await portal.services.officers.add('swyddog@example.org', 'a long enough password');
  portal.services.officers.setDigestLanguage(portal.services.officers.list()[0]!, 'cy');
  const erased = await respondToBeErased();
  const kept = await respondToBeKept();
  portal.services.digests.makeNow(commandLine);
  await portal.services.delivery.deliverDue();

  portal.services.erasure.erase(erased, commandLine);

  const copies = portal.db
    .prepare(
      "SELECT recipient, language, subject, text_body AS text, html_body AS html FROM outbox WHERE kind = 'digest' ORDER BY recipient",
    )
    .all() as { recipient: string; language: string; subject: string; text: string; html: string }[];
  expect(copies.map(({ recipient, language, subject }) => ({ recipient, language, subject }))).toEqual([
    {
      recipient: 'policy.officer@example.org',
      language: 'en',
      subject: 'STAGE 2 POLICY CONSULTATION: digest, 2 new responses',
    },
    {
      recipient: 'swyddog@example.org',
      language: 'cy',
      subject: 'YMGYNGHORIAD POLISI CAM 2: crynodeb, 2 ymateb newydd',
    },
  ]);
  const [english, welsh] = copies;
  for (const [copy, erasedNote, notHeard] of [
    [english!, 'A response erased on request.', 'Not yet heard from: Aberavon'],
    [welsh!, 'Ymateb a ddilëwyd ar gais.', 'Heb glywed gan y rhain eto: Aberafan'],
  ] as const) {
    for (const part of [copy.text, copy.html]) {
      expect(part).toContain(erasedNote);
      expect(part).toContain(notHeard);
      expect(part).toContain(kept);
      expect(part).toContain('Dafydd Kept');
      for (const word of [erased, ...erasedWords]) expect(part).not.toContain(word);
    }
  }
  expect(welsh!.html).toContain('<html lang="cy">');
});

test('a reader holding an old snapshot delays emptying the write-ahead log until it lets go, and then nothing of the response is left in it or the database', async () => {
  startPortal('file');
  const erased = await respondToBeErased();
  await respondToBeKept();
  const databaseFiles = () => [portal.services.config.databasePath, `${portal.services.config.databasePath}-wal`];
  const reader = new Database(portal.services.config.databasePath, { readonly: true });
  try {
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM submissions').get();

    portal.services.erasure.erase(erased, commandLine);

    expect(portal.services.checkpointer.pending).toBe(true);
    const heldBack = databaseFiles().filter(
      (file) => fs.existsSync(file) && fs.readFileSync(file).includes('Marmaladeorchestra'),
    );
    expect(heldBack).not.toEqual([]);
    reader.exec('COMMIT');
    await waitUntil(() => !portal.services.checkpointer.pending, 'the write-ahead log to be emptied');
  } finally {
    reader.close();
  }
  for (const file of databaseFiles()) {
    const bytes = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    for (const word of erasedWords) expect(bytes.includes(word)).toBe(false);
  }
});

test('a receipt being written as the response is erased is removed once it has been written', async () => {
  startPortal('file');
  const erased = await respondToBeErased();
  // Claimed, its words read, and on its way to the file when the erasure comes.
  const delivering = portal.services.delivery.deliverDue();
  portal.services.erasure.erase(erased, commandLine);
  await delivering;
  expect(await filesMentioning(['Quokkadwyn'])).not.toEqual([]);

  await portal.services.mailWorker.runOnce();

  expect(await filesMentioning(erasedWords)).toEqual([]);
});

test('on shutdown the write-ahead log is no longer retried, and nothing is tried after', () => {
  startPortal('file');
  const reader = new Database(portal.services.config.databasePath, { readonly: true });
  try {
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM submissions').get();
    portal.db.prepare("INSERT INTO mail_copies_to_remove (message_id) VALUES ('<a write for the log to hold>')").run();
    expect(portal.services.checkpointer.checkpoint()).toBe(false);
    expect(portal.services.checkpointer.pending).toBe(true);

    portal.services.checkpointer.stop();

    expect(portal.services.checkpointer.pending).toBe(false);
    reader.exec('COMMIT');
    expect(portal.services.checkpointer.checkpoint()).toBe(false);
  } finally {
    reader.close();
  }
});
