import fs from 'node:fs';
import path from 'node:path';
import type { AddressObject } from 'mailparser';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Language } from '../../server/platform/vocabulary';
import type { StoredSubmission } from '../../server/submissions/submission';
import { deliveredReceipt } from '../support/receipts';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { docxFile, exeFile, htmlFile, pdfFile } from '../support/files';
import * as hostile from '../support/hostileFiles';
import { cantonBranchFields, countRows, csrfTokenIn, openForm, validFields } from '../support/respond';
import { addOfficer, signIn } from '../support/officer';
import {
  boundary,
  fieldParts,
  listening,
  multipartBody,
  multipartType,
  requestHead,
  sendRaw,
  type RawPart,
} from '../support/multipart';
import {
  errorSummary,
  escapeHtml,
  foreignScripts,
  formValues,
  heldIdIn,
  keptReportNames,
  message,
  shownValue,
  summaryLinks,
} from '../support/formPage';
import { ordinaryText, refusedValues, type OrdinaryText, type RefusedValue } from '../support/hostilePayloads';

// One portal for the whole file: every case checks that it left nothing behind and that the
// portal still takes a response, which is the point of sharing it.
let portal: TestPortal;
beforeAll(() => {
  portal = createTestPortal();
});
afterAll(() => portal.close());

// The error handler logs only errors it did not expect: a hostile request must never cause one.
let serverErrors: jest.SpyInstance;
beforeEach(() => {
  serverErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  expect(serverErrors).not.toHaveBeenCalled();
  serverErrors.mockRestore();
});

const incomingDir = () => portal.services.attachments.incomingDir;
const uploadsDir = () => path.join(portal.dataDir, 'uploads');

/** A file as a test sends it: its name exactly as given, or RFC 5987-encoded. */
interface RawFile {
  readonly filename?: string | Buffer;
  readonly encodedFilename?: string;
  readonly content: Buffer;
}

type FormFields = Record<string, string | Buffer | readonly string[]>;

const goodReport: RawFile = { filename: 'good.docx', content: docxFile() };

/**
 * Posts the response form byte for byte, laid out as a browser lays it out: the token, the
 * fields in page order, and the files where the file input is (before the meeting date), so
 * that fields after a file arrive after it.
 */
function postForm(agent: TestAgent, csrf: string, fields: FormFields, files: readonly RawFile[] = []) {
  const entries = Object.entries(fields);
  const filesAt = entries.findIndex(([name]) => name === 'meetingDay');
  const split = filesAt === -1 ? entries.length : filesAt;
  const fileParts: RawPart[] = files.map(({ content, ...naming }) => ({ name: 'reports', value: content, ...naming }));
  const body = multipartBody([
    ...fieldParts({ _csrf: csrf }),
    ...fieldParts(Object.fromEntries(entries.slice(0, split))),
    ...fileParts,
    ...fieldParts(Object.fromEntries(entries.slice(split))),
  ]);
  return agent.post('/respond').set('Content-Type', multipartType).send(body);
}

/** A visit to the form in a language, which the browser then keeps to (by a cookie). */
async function openFormIn(language: Language): Promise<{ agent: TestAgent; csrf: string }> {
  if (language === 'en') return openForm(portal.app);
  const agent = request.agent(portal.app);
  const page = await agent.get(`/respond?lang=${language}`).expect(200);
  return { agent, csrf: csrfTokenIn(page.text) };
}

interface StoredState {
  readonly submissions: number;
  readonly outbox: number;
  readonly uploads: readonly string[];
}

const storedState = (): StoredState => ({
  submissions: countRows(portal.db, 'submissions'),
  outbox: countRows(portal.db, 'outbox'),
  uploads: filesUnder(uploadsDir()),
});

/** Waits for the temporary files of a finished (or abandoned) request to be removed. */
async function noTemporaryFilesLeft(): Promise<void> {
  for (let waited = 0; filesUnder(incomingDir()).length > 0 && waited < 2000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(filesUnder(incomingDir())).toEqual([]);
}

/** No response, receipt or report was stored, and nothing is left in the incoming folder. */
async function expectNothingStored(before: StoredState): Promise<void> {
  expect(storedState()).toEqual(before);
  await noTemporaryFilesLeft();
}

/** The same portal still takes a response: the hostile request did not break it. */
/** The form came back holding the good report sent with the bad input, running none of it; nothing was stored; the portal still works. */
async function expectGoodReportKeptAndNothingStored(page: string, before: StoredState): Promise<void> {
  expect(keptReportNames(page)).toEqual(['good.docx']);
  expect(foreignScripts(page)).toBe(0);
  await expectNothingStored(before);
  await expectStillAccepting();
}

async function expectStillAccepting(): Promise<void> {
  const before = countRows(portal.db, 'submissions');
  const { agent, csrf } = await openForm(portal.app);
  const response = await postForm(agent, csrf, validFields());
  expect(response.status).toBe(303);
  expect(countRows(portal.db, 'submissions')).toBe(before + 1);
  await noTemporaryFilesLeft();
}

/** Every value typed (as the page prints it) is in the form shown again, but those named. */
function expectTypedValuesKept(html: string, typed: FormFields, except: readonly string[] = []): void {
  const expected = Object.fromEntries(
    Object.entries(typed).flatMap(([field, value]) =>
      typeof value === 'string' && value !== '' && field !== 'website' && !except.includes(field)
        ? [[field, escapeHtml(value)]]
        : [],
    ),
  );
  expect(formValues(html)).toMatchObject(expected);
}

/** The text is in the page escaped, never as markup. */
function expectEscaped(html: string, text: string): void {
  expect(html).toContain(escapeHtml(text));
  if (escapeHtml(text) !== text) expect(html).not.toContain(text);
  expect(foreignScripts(html)).toBe(0);
}

describe('uploads that are refused', () => {
  interface RefusedUpload {
    readonly label: string;
    readonly file: () => RawFile;
    readonly key: string;
    /** The name the message gives the file: the name sent, made safe to show. */
    readonly shownName: string;
    readonly detectedKind?: string;
  }
  const named = (filename: string, content: () => Buffer) => () => ({ filename, content: content() });
  /** A file refused for `key`; the message names it `shownName`, the name sent made safe to show. */
  const refusedFor =
    (key: string) =>
    (label: string, filename: string, content: () => Buffer, shownName = filename): RefusedUpload => ({
      label,
      file: named(filename, content),
      key,
      shownName,
    });
  const notAccepted = refusedFor('respond.errors.reports.notAccepted');
  const polyglot = refusedFor('respond.errors.reports.polyglot');
  const damaged = refusedFor('respond.errors.reports.damaged');
  const unpacksTooLarge = refusedFor('respond.errors.reports.unpacksTooLarge');
  const empty = refusedFor('respond.errors.reports.empty');
  const misnamed = (label: string, file: () => RawFile, shownName: string, detectedKind: string): RefusedUpload => ({
    label,
    file,
    key: 'respond.errors.reports.nameDoesNotMatch',
    shownName,
    detectedKind,
  });
  const overTenMegabytes = () => Buffer.concat([pdfFile(), Buffer.alloc(10 * 1024 * 1024, 0x20)]);

  const refusedUploads: RefusedUpload[] = [
    notAccepted('a web page named .pdf', 'report.pdf', htmlFile),
    notAccepted('an SVG with a script named .pdf', 'report.pdf', hostile.svgWithScript),
    notAccepted('an SVG with a script under its own name', 'diagram.svg', hostile.svgWithScript),
    notAccepted('XHTML named .docx', 'report.docx', hostile.xhtmlFile),
    notAccepted('a Windows program named .pdf', 'report.pdf', exeFile),
    notAccepted('a Windows program with a double extension', 'report.pdf.exe', exeFile),
    notAccepted('a Linux program named .pdf', 'report.pdf', hostile.elfFile),
    misnamed('a shell script named .pdf', named('report.pdf', hostile.shellScript), 'report.pdf', 'txt'),
    notAccepted('a plain ZIP archive named .docx', 'report.docx', hostile.plainZip),
    notAccepted('a GIF named .png', 'chart.png', hostile.gifFile),
    unpacksTooLarge('a zip bomb named .docx (1 GB unpacked)', 'report.docx', hostile.zipBombDocx),
    unpacksTooLarge('a zip bomb named .pdf', 'report.pdf', hostile.zipBombDocx),
    damaged('a zip bomb that lies about its size', 'report.docx', hostile.lyingZipBombDocx),
    damaged('a Word document cut short', 'minutes.docx', hostile.truncatedDocx),
    polyglot('a PDF that is also a web page', 'report.pdf', hostile.pdfHtmlPolyglot),
    notAccepted('a web page with a PDF after it', 'report.pdf', hostile.htmlPdfPolyglot),
    polyglot('a JPEG that is also a web page', 'photo.jpg', hostile.jpegHtmlPolyglot),
    polyglot('a PNG with a script in a text chunk', 'chart.png', hostile.pngScriptPolyglot),
    polyglot('a PNG that is also a ZIP archive', 'chart.png', hostile.pngZipPolyglot),
    polyglot('a PDF that is also a ZIP archive', 'report.pdf', hostile.pdfZipPolyglot),
    polyglot('a PNG with a Word document appended', 'chart.png', hostile.pngDocxPolyglot),
    empty('an empty PDF', 'report.pdf', () => Buffer.alloc(0)),
    empty('an empty text file', 'notes.txt', () => Buffer.alloc(0)),
    refusedFor('respond.errors.reports.tooLarge')('a PDF over 10 MB', 'big.pdf', overTenMegabytes),
    misnamed(
      'a PDF whose right-to-left override makes .exe look like .pdf',
      named('invoice\u202Efdp.exe', pdfFile),
      'invoicefdp.exe',
      'pdf',
    ),
    notAccepted(
      'a program whose right-to-left override makes it look like a PNG',
      'photo\u202Egnp.exe',
      exeFile,
      'photognp.exe',
    ),
    misnamed(
      'a PDF whose name hides .exe after an encoded NUL',
      () => ({ encodedFilename: 'report.pdf%00.exe', content: pdfFile() }),
      'report.pdf.exe',
      'pdf',
    ),
    misnamed('a PDF named only ".."', named('..', pdfFile), 'report', 'pdf'),
    notAccepted('a program with a 300-character name', `${'a'.repeat(300)}.pdf`, exeFile, `${'a'.repeat(146)}.pdf`),
    notAccepted(
      'a web page whose name is markup',
      '<img src=x onerror=alert(1)>.pdf',
      htmlFile,
      'img src=x onerror=alert(1).pdf',
    ),
    notAccepted('a program whose name is a message placeholder', '{{fileName}}$t(errors.csrf.title).pdf', exeFile),
  ];

  async function expectRefused(
    { file, key, shownName, detectedKind }: RefusedUpload,
    language: Language,
  ): Promise<void> {
    const before = storedState();
    const { agent, csrf } = await openFormIn(language);
    const typed = validFields({ name: 'Mair Hughes', meetingAttendance: '14' });
    const response = await postForm(agent, csrf, typed, [file(), goodReport]);
    expect(response.status).toBe(400);
    const expected = message(key, { fileName: shownName, ...(detectedKind ? { detectedKind } : {}) }, language);
    expect(errorSummary(response.text)).toContain(escapeHtml(expected));
    expect(summaryLinks(response.text)).toEqual(['reports']);
    expectTypedValuesKept(response.text, typed);
    await expectGoodReportKeptAndNothingStored(response.text, before);
  }

  test.each(refusedUploads)(
    '$label: a message names it, the form and a good report are kept, nothing is stored',
    async (upload) => {
      await expectRefused(upload, 'en');
    },
  );

  const inWelsh = [
    'a zip bomb named .docx (1 GB unpacked)',
    'a Word document cut short',
    'a PDF that is also a web page',
    'a web page named .pdf',
  ];
  test.each(refusedUploads.filter(({ label }) => inWelsh.includes(label)))(
    'in Welsh, $label gets its message in Welsh',
    async (upload) => {
      await expectRefused(upload, 'cy');
    },
  );

  test('six reports: all are kept, and the person is asked to remove one; nothing is stored', async () => {
    const before = storedState();
    const { agent, csrf } = await openForm(portal.app);
    const six = Array.from({ length: 6 }, (_, index) => ({ filename: `report-${index + 1}.pdf`, content: pdfFile() }));
    const response = await postForm(agent, csrf, validFields(), six);
    expect(response.status).toBe(400);
    expect(errorSummary(response.text)).toContain(escapeHtml(message('respond.errors.reports.tooMany', { max: 5 })));
    expect(keptReportNames(response.text)).toEqual(six.map((file) => file.filename));
    await expectNothingStored(before);
    await expectStillAccepting();
  });
});

describe('file names that are only labels', () => {
  interface OddName {
    readonly label: string;
    readonly file: Omit<RawFile, 'content'>;
    /** The name shown and stored: no folders, no control or invisible characters, not too long. */
    readonly shownAs: string;
  }
  const oddNames: OddName[] = [
    {
      label: 'a Unix path climbing out of the folder',
      file: { filename: '../../../etc/passwd.pdf' },
      shownAs: 'passwd.pdf',
    },
    {
      label: 'a Windows path climbing out of the folder',
      file: { filename: '..\\..\\Windows\\System32\\report.pdf' },
      shownAs: 'report.pdf',
    },
    { label: 'an absolute path', file: { filename: '/var/www/html/shell.pdf' }, shownAs: 'shell.pdf' },
    {
      label: 'a path climbing out after percent-encoding',
      file: { encodedFilename: '..%2F..%2Fportal.db.pdf' },
      shownAs: 'portal.db.pdf',
    },
    { label: 'a NUL, percent-encoded', file: { encodedFilename: 'report%00.pdf' }, shownAs: 'report.pdf' },
    { label: 'a right-to-left override', file: { filename: 'report\u202Egpj.pdf' }, shownAs: 'reportgpj.pdf' },
    {
      label: 'bidirectional isolates and marks',
      file: { filename: '\u2066Adroddiad\u2069 \u200FGŵyr\u200E.pdf' },
      shownAs: 'Adroddiad Gŵyr.pdf',
    },
    { label: '300 characters', file: { filename: `${'n'.repeat(300)}.pdf` }, shownAs: `${'n'.repeat(146)}.pdf` },
    { label: '300 emoji', file: { filename: `${'🏥'.repeat(300)}.pdf` }, shownAs: `${'🏥'.repeat(146)}.pdf` },
    {
      label: 'markup',
      file: { filename: '<img src=x onerror=alert(1)>.pdf' },
      shownAs: 'img src=x onerror=alert(1).pdf',
    },
    {
      label: 'a message placeholder',
      file: { filename: '{{fileName}}$t(errors.csrf.title).pdf' },
      shownAs: '{{fileName}}$t(errors.csrf.title).pdf',
    },
    {
      label: 'a header after an encoded line break',
      file: { filename: 'report%0D%0ABcc: everyone@example.com.pdf' },
      shownAs: 'reportBcc everyone@example.com.pdf',
    },
    { label: 'a trailing dot and spaces', file: { filename: 'report.pdf. . ' }, shownAs: 'report.pdf' },
    { label: 'decomposed Welsh letters', file: { filename: 'Gw\u0302yr.pdf' }, shownAs: 'Gŵyr.pdf' },
    { label: 'a Windows device name', file: { filename: 'CON.pdf' }, shownAs: 'CON.pdf' },
    { label: 'a hidden-file dot', file: { filename: '.htaccess.pdf' }, shownAs: 'htaccess.pdf' },
  ];

  async function confirmedReference(agent: TestAgent): Promise<string> {
    const confirmation = await agent.get('/respond/confirmation').expect(200);
    return /class="reference">([^<]+)</.exec(confirmation.text)![1]!;
  }

  test.each(oddNames)(
    '$label: held under a clean name while a field is fixed, then stored under a random one',
    async ({ file, shownAs }) => {
      const before = storedState();
      const { agent, csrf } = await openForm(portal.app);
      const shown = await postForm(agent, csrf, validFields({ consentPrivacy: '' }), [{ ...file, content: pdfFile() }]);
      expect(shown.status).toBe(400);
      expect(summaryLinks(shown.text)).toEqual(['consentPrivacy']);
      expect(keptReportNames(shown.text)).toEqual([escapeHtml(shownAs)]);
      if (typeof file.filename === 'string' && escapeHtml(file.filename) !== file.filename)
        expect(shown.text).not.toContain(file.filename);
      await expectNothingStored(before);

      const sent = await postForm(agent, csrf, validFields({ heldId: heldIdIn(shown.text)! }));
      expect(sent.status).toBe(303);
      const submission = portal.services.submissions.find(await confirmedReference(agent));
      const [attachment] = submission.attachments;
      expect(attachment!.originalName).toBe(shownAs);
      expect(attachment!.storedName).toMatch(/^[0-9a-f]{32}$/);
      expect(filesUnder(uploadsDir())).toContain(path.join(attachment!.storedName.slice(0, 2), attachment!.storedName));
      // Had the name been used as a path, this is where the file would be.
      if (typeof file.filename === 'string') {
        for (const folder of [incomingDir(), uploadsDir()])
          expect(fs.existsSync(path.resolve(folder, file.filename))).toBe(false);
      }
      const receipt = await deliveredReceipt(portal, submission.id);
      expect(receipt.text).toContain(`${shownAs} (`);
    },
  );
});

describe('forms the parser cannot read', () => {
  const formWith = (extra: RawPart[]) => (csrf: string) =>
    multipartBody([...fieldParts({ _csrf: csrf, ...validFields() }), ...extra]);
  const report = (filename: string | Buffer): RawPart => ({ name: 'reports', value: pdfFile(), filename });
  const unreadable = { status: 400, title: message('errors.badRequest.title') };
  const cases: { label: string; body: (csrf: string) => Buffer; status: number; title: string }[] = [
    { label: 'a raw NUL in a file name', body: formWith([report(Buffer.from('report\0.pdf'))]), ...unreadable },
    {
      label: 'a field name with a huge array index',
      body: formWith([{ name: 'removeReport[4294967294]', value: 'x' }]),
      ...unreadable,
    },
    {
      label: 'a field name reaching for the prototype',
      body: formWith([{ name: '__proto__[isAdmin]', value: 'yes' }]),
      ...unreadable,
    },
    { label: 'a field with no name', body: formWith([{ name: '', value: 'x' }]), ...unreadable },
    {
      label: 'eleven files',
      body: formWith(Array.from({ length: 11 }, (_, index) => report(`r${index}.pdf`))),
      status: 413,
      title: message('errors.formTooLarge.title'),
    },
    {
      label: '121 fields',
      body: formWith(Array.from({ length: 121 }, (_, index) => ({ name: `extra${index}`, value: 'x' }))),
      status: 413,
      title: message('errors.formTooLarge.title'),
    },
    {
      label: 'no closing boundary',
      body: (csrf) => {
        const whole = formWith([report('report.pdf')])(csrf);
        return whole.subarray(0, whole.lastIndexOf(`--${boundary}--`));
      },
      status: 400,
      title: message('errors.formIncomplete.title'),
    },
  ];

  test.each(cases)(
    '$label: a page that says so, nothing stored, the portal still up',
    async ({ body, status, title }) => {
      const before = storedState();
      const { agent, csrf } = await openForm(portal.app);
      const startedAt = Date.now();
      const response = await agent.post('/respond').set('Content-Type', multipartType).send(body(csrf));
      expect(response.status).toBe(status);
      expect(response.text).toContain(escapeHtml(title));
      expect(response.text).not.toMatch(/at .*\.(js|ts):\d+/);
      // Refused at once, rather than after walking a four-billion-long array.
      expect(Date.now() - startedAt).toBeLessThan(5000);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      await expectNothingStored(before);
      await expectStillAccepting();
    },
  );
});

describe('bodies cut off in transit', () => {
  let server: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    server = await listening(portal.app);
  });
  afterAll(() => server.close());

  /** A whole, valid form with a report, as a browser on this portal would send it. */
  async function browserForm(): Promise<{ cookie: string; body: Buffer }> {
    const page = await request(server.server).get('/respond').expect(200);
    const cookie = (page.get('Set-Cookie') ?? []).map((header) => header.split(';')[0]).join('; ');
    const fields = validFields({ name: 'Cut Off' });
    return {
      cookie,
      body: multipartBody([
        ...fieldParts({ _csrf: csrfTokenIn(page.text), ...fields }),
        { name: 'reports', value: pdfFile(), filename: 'first.pdf' },
        { name: 'reports', value: docxFile(), filename: 'second.docx' },
      ]),
    };
  }

  const after =
    (marker: string, extra = 0) =>
    (body: Buffer) =>
      body.indexOf(marker) + marker.length + extra;
  const whole = (body: Buffer) => body.length;
  interface CutOff {
    readonly label: string;
    readonly cutAt: (body: Buffer) => number;
    /** The Content-Length the request claims. */
    readonly claimed: (body: Buffer) => number;
    /** Drop the connection, rather than close the sending side and wait for the reply. */
    readonly hangUp: boolean;
  }
  const cases: CutOff[] = [
    {
      label: 'cut in the middle of a field, then the connection drops',
      cutAt: after('Cut'),
      claimed: whole,
      hangUp: true,
    },
    {
      label: 'cut inside a part’s headers, then the connection drops',
      cutAt: after('filename="fir'),
      claimed: whole,
      hangUp: true,
    },
    {
      label: 'cut inside the second file, after the first reached the disk, then the connection drops',
      cutAt: after('filename="second.docx"', 200),
      claimed: whole,
      hangUp: true,
    },
    {
      label: 'claiming more than it sends, then closing its side',
      cutAt: after('first.pdf"', 100),
      claimed: whole,
      hangUp: false,
    },
    { label: 'claiming less than it sends', cutAt: whole, claimed: (body) => body.length - 300, hangUp: false },
  ];

  test.each(cases)('$label: no crash, nothing stored, no file left behind', async ({ cutAt, claimed, hangUp }) => {
    const before = storedState();
    const { cookie, body } = await browserForm();
    const head = requestHead(server.port, '/respond', cookie, claimed(body));
    const answer = await sendRaw(server.port, Buffer.concat([head, body.subarray(0, cutAt(body))]), { hangUp });
    // Node's HTTP parser answers a stream that breaks off or runs on with a bare 400 of its own.
    expect(answer).toMatch(hangUp ? /^$/ : /^HTTP\/1\.1 400 /);
    await expectNothingStored(before);
    await request(server.server).get('/respond').expect(200);
    await expectStillAccepting();
  });
});

describe('what members type', () => {
  describe('values refused for their field', () => {
    const fieldsFor = ({ field, payload, asGroup }: RefusedValue): FormFields => ({
      ...(asGroup ? cantonBranchFields() : validFields()),
      meetingAttendance: '12',
      [field]: payload,
    });
    const payloadText = (payload: string | Buffer) =>
      typeof payload === 'string' ? payload : payload.toString('utf8');

    async function expectRefused(refused: RefusedValue, language: Language): Promise<void> {
      const before = storedState();
      const { agent, csrf } = await openFormIn(language);
      const typed = fieldsFor(refused);
      const response = await postForm(agent, csrf, typed, [goodReport]);
      expect(response.status).toBe(400);
      expect(errorSummary(response.text)).toContain(escapeHtml(message(refused.key, refused.values, language)));
      expect(summaryLinks(response.text)).toEqual([refused.field]);
      const shown = shownValue(response.text, refused.field);
      if (refused.cutOff) {
        expect(shown!.startsWith(escapeHtml(payloadText(refused.payload).slice(0, 1000)))).toBe(true);
      } else {
        const expected = refused.shown === undefined ? payloadText(refused.payload) : refused.shown;
        expect(shown).toBe(expected === null ? null : escapeHtml(expected));
      }
      expectTypedValuesKept(response.text, typed, [refused.field]);
      await expectGoodReportKeptAndNothingStored(response.text, before);
    }

    test.each(refusedValues)(
      '$label: a message at the field, every value and the report kept, nothing stored',
      async (refused) => {
        await expectRefused(refused, 'en');
      },
    );

    const inWelsh = [
      'email: a Bcc header after CRLF',
      'name: invalid UTF-8',
      'answer: 1 MB of Welsh, cut inside a character',
    ];
    test.each(refusedValues.filter(({ label }) => inWelsh.includes(label)))(
      'in Welsh, $label gets its message in Welsh',
      async (refused) => {
        await expectRefused(refused, 'cy');
      },
    );

    test('no receipt in the outbox has a line break in its address or subject', () => {
      const receipts = portal.db.prepare('SELECT recipient, subject FROM outbox').all() as {
        recipient: string;
        subject: string;
      }[];
      expect(receipts.length).toBeGreaterThan(0);
      expect(receipts.filter(({ recipient, subject }) => /[\r\n\0]/.test(recipient + subject))).toEqual([]);
    });
  });

  describe('ordinary text, however strange it looks', () => {
    let officer: TestAgent;
    beforeAll(async () => {
      await addOfficer(portal);
      ({ agent: officer } = await signIn(portal.app));
    });

    const fieldsFor = (
      { field, payload, asGroup }: OrdinaryText,
      overrides: Record<string, string> = {},
    ): FormFields => ({
      ...(asGroup ? cantonBranchFields() : validFields()),
      [field]: payload,
      ...overrides,
    });

    const storedFields: Record<string, (submission: StoredSubmission) => string | null> = {
      name: (submission) => submission.name,
      email: (submission) => submission.email,
      bodyName: (submission) => submission.bodyName,
      roleInBody: (submission) => submission.roleInBody,
      anythingElse: (submission) => submission.anythingElse,
    };
    function storedValue(submission: StoredSubmission, field: string): string | null | undefined {
      if (!field.startsWith('answer__')) return storedFields[field]!(submission);
      const [, paper, section] = field.split('__');
      return submission.answers.find((answer) => answer.paper === paper && answer.section === (section ?? null))?.body;
    }

    const addresses = (field: AddressObject | AddressObject[] | undefined) =>
      (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) =>
        group.value.map((address) => address.address),
      );

    test.each(ordinaryText)('$label: kept exactly when the form comes back, and nothing stored', async (text) => {
      const before = storedState();
      const { agent, csrf } = await openForm(portal.app);
      const typed = fieldsFor(text, { consentPrivacy: '' });
      const response = await postForm(agent, csrf, typed);
      expect(response.status).toBe(400);
      expect(summaryLinks(response.text)).toEqual(['consentPrivacy']);
      expect(shownValue(response.text, text.field)).toBe(escapeHtml(text.payload));
      expectTypedValuesKept(response.text, typed);
      if (escapeHtml(text.payload) !== text.payload) expect(response.text).not.toContain(text.payload);
      expect(foreignScripts(response.text)).toBe(0);
      await expectNothingStored(before);
    });

    test.each(ordinaryText)(
      '$label: stored byte for byte, escaped on every page, and the receipt has no added header',
      async (text) => {
        const { agent, csrf } = await openForm(portal.app);
        const typed = fieldsFor(text);
        const response = await postForm(agent, csrf, typed);
        expect(response.status).toBe(303);
        const confirmation = await agent.get('/respond/confirmation').expect(200);
        const reference = /class="reference">([^<]+)</.exec(confirmation.text)![1]!;
        const submission = portal.services.submissions.find(reference);
        expect(storedValue(submission, text.field)).toBe(text.payload);
        expectEscaped(confirmation.text, text.payload);
        expectEscaped((await officer.get(`/admin/submissions/${reference}`).expect(200)).text, text.payload);

        const mail = await deliveredReceipt(portal, submission.id);
        // The plain-text part is text: it carries what was typed as it was typed, but for line
        // breaks, which email carries as its own.
        const asEmailed = text.payload.replace(/\r\n/g, '\n');
        if (text.field !== 'email') expect(mail.text).toContain(asEmailed);
        if (text.field !== 'email') expectEscaped(mail.html as string, asEmailed);
        expect(addresses(mail.to)).toEqual([typed.email]);
        expect([...addresses(mail.cc), ...addresses(mail.bcc)]).toEqual([]);
        expect(mail.subject).toBe(`STAGE 2 POLICY CONSULTATION: your response ${reference}`);
      },
    );
  });
});
