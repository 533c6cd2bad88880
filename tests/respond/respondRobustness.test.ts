import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { inspectFile } from '../../server/submissions/reports/fileInspector';
import { HeldUploads } from '../../server/submissions/reports/heldUploads';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { pdfFile } from '../support/files';
import { countRows, openForm, postResponse, validFields } from '../support/respond';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

const heldIdIn = (html: string) => /name="heldId" value="([0-9a-f]{32})"/.exec(html)?.[1];
const formTokenIn = (html: string) => /name="formToken" value="([0-9a-f]{32})"/.exec(html)![1]!;

describe('uploads that go wrong part-way', () => {
  test('an upload abandoned mid-file leaves the server up and no file behind', async () => {
    const server = portal.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      [
        'POST /respond HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Content-Type: multipart/form-data; boundary=XYZ',
        'Content-Length: 1000000',
        '',
        '--XYZ',
        'Content-Disposition: form-data; name="reports"; filename="report.pdf"',
        'Content-Type: application/pdf',
        '',
        '%PDF-1.4 and then the connection drops',
      ].join('\r\n'),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await request(server).get('/').expect(200);
    expect(filesUnder(path.join(portal.dataDir, 'tmp', 'incoming'))).toEqual([]);
    server.close();
  });

  test('a valid report stays attached when another file in the same form is over 10 MB', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const big = Buffer.concat([pdfFile(), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    const response = await postResponse(agent, csrf, validFields({ meetingAttendance: '12' }), [
      { name: 'small.pdf', content: pdfFile() },
      { name: 'big.pdf', content: big },
    ]).expect(400);
    expect(response.text).toContain('big.pdf is larger than 10 MB');
    expect(response.text).toContain('Remove small.pdf');
    // A field sent after the files still arrives.
    expect(response.text).toContain('name="meetingAttendance" type="text" value="12"');
  });

  test('with six files, all six are kept and the person is asked to remove one', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const six = Array.from({ length: 6 }, (_, index) => ({ name: `report-${index}.pdf`, content: pdfFile() }));
    const response = await postResponse(agent, csrf, validFields(), six).expect(400);
    expect(response.text).toContain('6 reports are attached');
    const heldId = heldIdIn(response.text)!;
    const firstStoredName = /name="removeReport" value="([0-9a-f]{32})"/.exec(response.text)![1]!;
    await postResponse(
      agent,
      csrf,
      validFields({ heldId, removeReport: firstStoredName, formToken: formTokenIn(response.text) }),
    ).expect(303);
    const reference = portal.db.prepare('SELECT reference FROM submissions').pluck().get() as string;
    expect(portal.services.submissions.find(reference).attachments).toHaveLength(5);
  });

  test('a text field far over its limit gets a message there, and the other fields are kept', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const response = await postResponse(
      agent,
      csrf,
      validFields({ anythingElse: 'x'.repeat(300 * 1024), name: 'Kept Name' }),
    ).expect(400);
    expect(response.text).toContain(
      '“Anything else” must be 50,000 characters or fewer: shorten it, or attach it as a report',
    );
    expect(response.text).toContain('href="#anythingElse"');
    expect(response.text).toContain('value="Kept Name"');
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });

  test('a file sent under a field name the form does not have gets a clear page', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const response = await agent
      .post('/respond')
      .field('_csrf', csrf)
      .attach('surprise', pdfFile(), 'x.pdf')
      .expect(400);
    expect(response.text).toContain('We could not read what was sent');
  });
});

describe('plain forms the body parser refuses get the portal page, never a stack trace', () => {
  test.each([
    [
      'too large',
      'a=' + 'x'.repeat(300 * 1024),
      'application/x-www-form-urlencoded',
      413,
      'Your form was too large to send',
    ],
    [
      'in a charset it does not read',
      'a=b',
      'application/x-www-form-urlencoded; charset=koi8-r',
      415,
      'We could not read what was sent',
    ],
  ])('%s', async (_case, body, type, status, message) => {
    const response = await request(portal.app).post('/admin/sign-in').set('Content-Type', type).send(body);
    expect(response.status).toBe(status);
    expect(response.text).toContain(message);
    expect(response.text).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('kept reports', () => {
  test('another browser can neither use nor remove a holding of kept reports', async () => {
    const owner = await openForm(portal.app);
    const shown = await postResponse(owner.agent, owner.csrf, validFields({ email: '' }), [
      { name: 'Report.pdf', content: pdfFile() },
    ]).expect(400);
    const heldId = heldIdIn(shown.text)!;

    const other = await openForm(portal.app);
    await postResponse(other.agent, other.csrf, validFields({ heldId, email: '' })).expect(400);
    await postResponse(other.agent, other.csrf, validFields({ heldId })).expect(303);
    const othersReference = portal.db.prepare('SELECT reference FROM submissions').pluck().get() as string;
    expect(portal.services.submissions.find(othersReference).attachments).toEqual([]);

    await postResponse(owner.agent, owner.csrf, validFields({ heldId, formToken: formTokenIn(shown.text) })).expect(
      303,
    );
    const references = portal.db.prepare('SELECT reference FROM submissions ORDER BY id').pluck().all() as string[];
    expect(portal.services.submissions.find(references[1]!).attachments.map((file) => file.originalName)).toEqual([
      'Report.pdf',
    ]);
  });

  test('reports kept longer than a day are not silently dropped', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const shown = await postResponse(agent, csrf, validFields({ email: '' }), [
      { name: 'Report.pdf', content: pdfFile() },
    ]).expect(400);
    portal.clock.time = new Date(portal.clock.time.getTime() + HeldUploads.lifetimeMs + 1);
    const again = await postResponse(agent, csrf, validFields({ heldId: heldIdIn(shown.text)! })).expect(400);
    expect(again.text).toContain(
      'The reports you attached earlier are no longer kept, as reports wait only a limited time for a form to be corrected: attach them again',
    );
    expect(countRows(portal.db, 'submissions')).toBe(0);
  });

  test('file problems take their place in the error summary, in page order', async () => {
    const { agent, csrf } = await openForm(portal.app);
    const response = await postResponse(
      agent,
      csrf,
      validFields({ email: '', meetingDay: '99', meetingMonth: '1', meetingYear: '2020' }),
      [{ name: 'empty.pdf', content: Buffer.alloc(0) }],
    ).expect(400);
    const summary = response.text.slice(
      response.text.indexOf('error-summary'),
      response.text.indexOf('</ul>', response.text.indexOf('error-summary')),
    );
    expect([...summary.matchAll(/href="#([^"]+)"/g)].map((match) => match[1])).toEqual([
      'email',
      'reports',
      'meetingDay',
    ]);
  });
});

test('the same form sent twice at once is stored once, and both get its confirmation', async () => {
  const { agent, csrf } = await openForm(portal.app);
  const page = await agent.get('/respond');
  const fields = validFields({ formToken: formTokenIn(page.text) });
  const [first, second] = await Promise.all([
    postResponse(agent, csrf, fields, [{ name: 'a.pdf', content: pdfFile() }]),
    postResponse(agent, csrf, fields, [{ name: 'a.pdf', content: pdfFile() }]),
  ]);
  expect([first.status, second.status]).toEqual([303, 303]);
  expect(countRows(portal.db, 'submissions')).toBe(1);
  const again = await postResponse(agent, csrf, fields).expect(303);
  expect(again.headers.location).toBe('/respond/confirmation');
  expect(countRows(portal.db, 'submissions')).toBe(1);
});

describe('plain text reports', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-text-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const inspect = (content: Buffer) => {
    const file = path.join(dir, `f${Math.random()}`);
    fs.writeFileSync(file, content);
    return inspectFile(file, 'notes.txt');
  };

  test.each([
    ['UTF-8 with Welsh', Buffer.from('Gŵyl y Gwanwyn: trafodaeth ar ofal cymdeithasol. £5 each.\n')],
    [
      'Windows-1252 with £ and curly quotes',
      Buffer.from([0x50, 0x61, 0x79, 0x20, 0xa3, 0x35, 0x20, 0x93, 0x71, 0x94, 0x0d, 0x0a]),
    ],
    [
      'UTF-16 from Notepad, with a byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Meeting notes\r\n', 'utf16le')]),
    ],
  ])('%s is accepted', async (_case, content) => {
    expect(await inspect(content)).toMatchObject({ accepted: true, mediaType: 'text/plain' });
  });

  test.each([
    ['an image tag with a script handler', Buffer.from('Notes <img src=x onerror=alert(1)>')],
    [
      'a script after 64 KB of ordinary text',
      Buffer.concat([Buffer.alloc(70 * 1024, 'a'), Buffer.from('<script>alert(1)</script>')]),
    ],
    ['binary after 64 KB of ordinary text', Buffer.concat([Buffer.alloc(70 * 1024, 'a'), Buffer.from([0, 1, 2, 3])])],
  ])('%s is refused', async (_case, content) => {
    expect(await inspect(content)).toMatchObject({ accepted: false, reason: 'notAccepted' });
  });
});
