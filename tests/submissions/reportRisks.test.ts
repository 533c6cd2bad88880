import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectFile } from '../../server/submissions/reports/fileInspector';
import { docFile, docxFile, heicFile, pdfFile, xlsFile } from '../support/files';
import {
  docxWithMacro,
  odtFile,
  odtWithBasicMacro,
  odtWithEmptyBasicLibrary,
  pdfLaunchingAcrossChunks,
  pdfLaunchingProgram,
  pdfOpeningAtFirstPage,
  pdfOpeningWithJavaScript,
  pdfWithEscapedJavaScript,
  pdfWithJavaScriptInObjectStream,
  rtfFile,
  rtfWithEmbeddedObject,
} from '../support/riskyFiles';

let folder: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'report-risks-'));
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

async function inspect(name: string, content: Buffer) {
  const filePath = path.join(folder, name);
  fs.writeFileSync(filePath, content);
  return inspectFile(filePath, name);
}

test.each([
  ['a Word document with a VBA project', 'minutes.docx', docxWithMacro, 'macro'],
  ['an OpenDocument text with a Basic macro', 'minutes.odt', odtWithBasicMacro, 'macro'],
  ['a PDF that runs JavaScript when opened', 'report.pdf', pdfOpeningWithJavaScript, 'active-content'],
  ['a PDF that launches a program', 'report.pdf', pdfLaunchingProgram, 'active-content'],
  ['a PDF whose JavaScript is named with escapes', 'report.pdf', pdfWithEscapedJavaScript, 'active-content'],
  [
    'a PDF whose JavaScript action is packed in a compressed object stream',
    'report.pdf',
    pdfWithJavaScriptInObjectStream,
    'active-content',
  ],
  ['a PDF whose launch straddles two chunks of the file', 'report.pdf', pdfLaunchingAcrossChunks, 'active-content'],
  ['an RTF document with an embedded object', 'minutes.rtf', rtfWithEmbeddedObject, 'embedded-object'],
  ['an old Word document with a VBA project', 'minutes.doc', () => docFile({ macros: true }), 'macro'],
])('%s is accepted, and what could act in it is found', async (_what, name, make, risk) => {
  expect(await inspect(name, make())).toMatchObject({ accepted: true, risk });
});

test.each([
  ['a plain PDF', 'report.pdf', pdfFile],
  ['a PDF that opens at its first page', 'report.pdf', pdfOpeningAtFirstPage],
  ['a plain Word document', 'minutes.docx', () => docxFile()],
  ['a plain OpenDocument text', 'minutes.odt', () => odtFile()],
  ['an OpenDocument text whose Basic library holds no macro', 'minutes.odt', odtWithEmptyBasicLibrary],
  ['an RTF document that mentions objectives', 'minutes.rtf', rtfFile],
  ['an old Word document', 'minutes.doc', () => docFile()],
])('%s is accepted with nothing found', async (_what, name, make) => {
  expect(await inspect(name, make())).toMatchObject({ accepted: true, risk: null });
});

describe('what secretaries have: old Word files and iPhone photographs', () => {
  test('an old Word document (.doc) is accepted as Word, checked by its content', async () => {
    expect(await inspect('minutes.doc', docFile())).toEqual({
      accepted: true,
      kind: 'doc',
      mediaType: 'application/msword',
      risk: null,
    });
    expect(await inspect('minutes.pdf', docFile())).toEqual({
      accepted: false,
      reason: 'nameDoesNotMatch',
      detectedKind: 'doc',
    });
  });

  test('an Excel workbook in the same kind of container is not a report, whatever its name', async () => {
    expect(await inspect('minutes.doc', xlsFile())).toEqual({ accepted: false, reason: 'notAccepted' });
  });

  test('an iPhone photograph (.heic or .heif) is accepted as an image', async () => {
    expect(await inspect('flipchart.HEIC', heicFile())).toEqual({
      accepted: true,
      kind: 'heic',
      mediaType: 'image/heic',
      risk: null,
    });
    expect(await inspect('flipchart.heif', heicFile())).toMatchObject({ accepted: true, kind: 'heic' });
    expect(await inspect('flipchart.jpg', heicFile())).toEqual({
      accepted: false,
      reason: 'nameDoesNotMatch',
      detectedKind: 'heic',
    });
  });
});
