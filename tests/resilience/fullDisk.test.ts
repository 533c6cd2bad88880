import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pdfDocument } from '../../server/features/demo/pdfDocument';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { escapeHtml, message, shownValue } from '../support/formPage';
import { fieldParts, listening, multipartBody, requestHead } from '../support/multipart';
import { addOfficer, signIn } from '../support/officer';
import { countRows, csrfTokenIn, openForm, postResponse, validFields } from '../support/respond';
import { mountSmallDisk, type SmallDisk } from '../support/smallDisk';
import { waitUntil } from '../support/waitUntil';
import request from 'supertest';

// Each test runs the portal with its whole data folder (database included) on a tmpfs of a few
// megabytes: a real disk that really fills.
let disk: SmallDisk;
let portal: TestPortal;
function startPortal(megabytes: number, env: Record<string, string>): void {
  disk = mountSmallDisk(megabytes);
  portal = createTestPortal({ dataDir: disk.dir, env });
}
afterEach(() => {
  portal.close();
  disk.remove();
});

const incomingDir = () => path.join(portal.dataDir, 'tmp', 'incoming');

/** Writes a file until the disk is full; returns its path. */
function fillDisk(): string {
  const filler = path.join(portal.dataDir, 'filler');
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(64 * 1024));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

/** Sends `first`, waits for `ready`, calls `between`, sends `rest`; returns the whole reply. */
async function sendInTwoGoes(
  port: number,
  first: Buffer,
  ready: () => boolean,
  between: () => void,
  rest: Buffer,
): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(first);
  await waitUntil(ready, 'the start of the report to reach the disk');
  between();
  socket.end(rest);
  await closed;
  return Buffer.concat(chunks).toString('utf8');
}

test('a report the disk fills up under, as it arrives, is refused by name with the form kept, and the portal carries on', async () => {
  // No reserve, so that the report is let in and the disk fills while it is being written.
  startPortal(16, { FREE_SPACE_RESERVE_MB: '0' });
  const server = await listening(portal.app);
  try {
    const page = await request(server.server).get('/respond').expect(200);
    const cookie = (page.get('Set-Cookie') ?? []).map((header) => header.split(';')[0]).join('; ');
    const report = pdfDocument('Workshop report', 6 * 1024 * 1024);
    const body = multipartBody([
      ...fieldParts({ _csrf: csrfTokenIn(page.text), ...validFields({ name: 'Kept Name' }) }),
      { name: 'reports', value: report, filename: 'big report.pdf', contentType: 'application/pdf' },
    ]);
    const cut = body.indexOf(report) + 1024 * 1024;
    let filler = '';
    const reply = await sendInTwoGoes(
      server.port,
      Buffer.concat([requestHead(server.port, '/respond', cookie, body.length), body.subarray(0, cut)]),
      () => filesUnder(incomingDir()).some((name) => fs.statSync(path.join(incomingDir(), name)).size > 0),
      () => (filler = fillDisk()),
      body.subarray(cut),
    );
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain(
      escapeHtml(
        message('respond.errors.reports.noRoom', {
          fileName: 'big report.pdf',
          email: 'welshlabourpolicy@labour.org.uk',
        }),
      ),
    );
    expect(shownValue(reply, 'name')).toBe('Kept Name');
    expect(filesUnder(incomingDir())).toEqual([]);
    expect(countRows(portal.db, 'submissions')).toBe(0);

    fs.rmSync(filler);
    const { agent, csrf } = await openForm(portal.app);
    await postResponse(agent, csrf, validFields(), [
      { name: 'report.pdf', content: pdfDocument('Small report') },
    ]).expect(303);
  } finally {
    await server.close();
  }
});

test('a hundred failed forms with reports cannot fill the disk: a genuine response and the officer’s pages still work', async () => {
  // As reported: failed forms' reports were kept without bound until the volume was full.
  startPortal(32, { FREE_SPACE_RESERVE_MB: '4', HELD_REPORTS_MAX_MB: '2' });
  const reports = ['one', 'two', 'three'].map((part) => ({
    name: `${part}.pdf`,
    content: pdfDocument(`Report ${part}`, 200 * 1024),
  }));
  for (let visitor = 0; visitor < 100; visitor += 1) {
    const { agent, csrf } = await openForm(portal.app);
    await postResponse(agent, csrf, validFields({ consentPrivacy: '' }), reports).expect(400);
  }
  const heldBytes = filesUnder(path.join(portal.dataDir, 'tmp', 'held')).reduce(
    (total, file) => total + fs.statSync(path.join(portal.dataDir, 'tmp', 'held', file)).size,
    0,
  );
  expect(heldBytes).toBeLessThan(2.1 * 1024 * 1024);
  const { bavail, bsize } = fs.statfsSync(portal.dataDir);
  expect(bavail * bsize).toBeGreaterThan(14 * 1024 * 1024);

  const { agent, csrf } = await openForm(portal.app);
  await postResponse(agent, csrf, validFields(), reports.slice(0, 1)).expect(303);
  await addOfficer(portal);
  const officer = await signIn(portal.app);
  await officer.agent.get('/admin').expect(200);
  await officer.agent.get('/admin/submissions').expect(200);
  expect(countRows(portal.db, 'attachments')).toBe(1);
});
