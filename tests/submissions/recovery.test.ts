import fs from 'node:fs';
import path from 'node:path';
import { HeldUploads } from '../../server/submissions/reports/heldUploads';
import { createTestPortal, filesUnder, type TestPortal } from '../support/testPortal';
import { pdfFile } from '../support/files';

let portal: TestPortal;
beforeEach(() => {
  portal = createTestPortal();
});
afterEach(() => portal.close());

const recordedName = 'a'.repeat(32);
const strayName = 'b'.repeat(32);

async function recordSubmissionWithAttachment(storedName: string): Promise<void> {
  await portal.services.submissions.submit(
    {
      respondentType: 'individual',
      name: 'Aled',
      email: 'aled@example.org',
      bodyName: null,
      roleInBody: null,
      constituency: 'arfon',
      answers: [],
      anythingElse: 'See report',
      meetingDate: null,
      meetingAttendance: null,
      consentToQuote: false,
    },
    [],
    'en',
    'c'.repeat(32),
  );
  // As if the process died after the row committed and before the file moved into place.
  const id = portal.db.prepare('SELECT id FROM submissions').pluck().get();
  portal.db
    .prepare(
      "INSERT INTO attachments (submission_id, stored_name, original_name, media_type, size_bytes, position) VALUES (?, ?, 'r.pdf', 'application/pdf', 10, 0)",
    )
    .run(id, storedName);
}

test('at start, a committed file still in the temporary folder is put in place and strays are removed', async () => {
  const { attachments } = portal.services;
  await recordSubmissionWithAttachment(recordedName);
  fs.writeFileSync(path.join(attachments.incomingDir, recordedName), pdfFile());
  fs.writeFileSync(path.join(attachments.incomingDir, strayName), pdfFile());

  expect(portal.services.submissions.recoverInterruptedWrites()).toEqual({ placed: 1, removed: 1 });
  expect(fs.existsSync(attachments.pathOf(recordedName))).toBe(true);
  expect(filesUnder(attachments.incomingDir)).toEqual([]);
});

test('kept reports expire after a day', () => {
  const { attachments, heldUploads } = portal.services;
  const temporaryPath = path.join(attachments.incomingDir, strayName);
  fs.writeFileSync(temporaryPath, pdfFile());
  const holding = heldUploads.hold('visitor', [
    {
      path: temporaryPath,
      storedName: strayName,
      originalName: 'r.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 10,
      risk: null,
    },
  ]);
  if (holding === null || holding === 'notKept') throw new Error('The report was not held');
  const { heldId } = holding;
  expect(heldUploads.retrieve('visitor', heldId)).toHaveLength(1);
  expect(heldUploads.retrieve('another visitor', heldId)).toEqual([]);
  expect(heldUploads.sweep()).toBe(0);

  portal.clock.time = new Date(portal.clock.time.getTime() + HeldUploads.lifetimeMs + 1);
  expect(heldUploads.retrieve('visitor', heldId)).toBe('expired');
  expect(heldUploads.sweep()).toBe(1);
  expect(filesUnder(attachments.heldDir)).toEqual([]);
});

test('files an erasure set aside but could not remove are removed by the sweep, not left until the next start', () => {
  const { erasingDir } = portal.services.attachments;
  fs.writeFileSync(path.join(erasingDir, strayName), pdfFile('An erased report'));
  expect(portal.services.attachments.discardAllSetAside()).toBe(1);
  expect(filesUnder(erasingDir)).toEqual([]);
});
