import zlib from 'node:zlib';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { docxFile, pdfFile } from './files';

// Reports are read a chunk at a time: this is the first chunk's size (a read stream's default).
export const firstChunkBytes = 64 * 1024;
// A fixed date, so the same document is the same bytes whenever it is made.
const mtime = new Date('2020-05-01T12:00:00Z');

/**
 * The small real PDF, changed as a PDF editor saves a change (an incremental update): new objects
 * numbered from 6, and a new catalogue carrying `catalogueEntries`, appended with their own cross
 * reference section. `paddingBytes` of comment come before them.
 */
function updatedPdf(catalogueEntries: string, objects: readonly string[] = [], paddingBytes = 0): Buffer {
  const original = pdfFile().toString('latin1');
  const previousXref = /startxref\n(\d+)/.exec(original)![1]!;
  let body = original + (paddingBytes > 0 ? `%${'x'.repeat(paddingBytes - 2)}\n` : '');
  const offsets = new Map<number, number>();
  const add = (objectNumber: number, object: string) => {
    offsets.set(objectNumber, body.length);
    body += `${objectNumber} 0 obj\n${object}\nendobj\n`;
  };
  objects.forEach((object, index) => add(6 + index, object));
  add(1, `<< /Type /Catalog /Pages 2 0 R ${catalogueEntries} >>`);
  const xref = body.length;
  body += 'xref\n';
  for (const objectNumber of [...offsets.keys()].sort((a, b) => a - b)) {
    body += `${objectNumber} 1\n${String(offsets.get(objectNumber)).padStart(10, '0')} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${6 + objects.length} /Root 1 0 R /Prev ${previousXref} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const pdfOpeningWithJavaScript = (): Buffer =>
  updatedPdf('/OpenAction 6 0 R', ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>']);
export const pdfLaunchingProgram = (): Buffer => updatedPdf('/OpenAction 6 0 R', ['<< /S /Launch /F (cmd.exe) >>']);
/** The names spelt with escapes ("/J#61vaScript"), as a hostile file hides them from a plain search. */
export const pdfWithEscapedJavaScript = (): Buffer =>
  updatedPdf('/OpenAction 6 0 R', ['<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>']);
/** An ordinary opening action, which shows the first page and runs nothing. */
export const pdfOpeningAtFirstPage = (): Buffer => updatedPdf('/OpenAction [3 0 R /Fit]');

/** A launch whose name, its only sign, starts five bytes before the end of the first chunk read. */
export function pdfLaunchingAcrossChunks(): Buffer {
  const beforeName = '6 0 obj\n<< /S '.length;
  const paddingBytes = firstChunkBytes - 5 - pdfFile().length - beforeName;
  const pdf = updatedPdf('/OpenAction 6 0 R', ['<< /S /Launch /F (cmd.exe) >>'], paddingBytes);
  if (pdf.indexOf('/Launch') !== firstChunkBytes - 5) throw new Error('The name is not across the chunks');
  return pdf;
}

/**
 * The small real PDF, changed by an update that packs its opening action into a compressed
 * object stream, found through a cross-reference stream, as PDF 1.5 and later save: the action's
 * names are nowhere in the file as it is.
 */
export function pdfWithJavaScriptInObjectStream(): Buffer {
  const original = pdfFile().toString('latin1');
  const previousXref = Number(/startxref\n(\d+)/.exec(original)![1]);
  const packedHeader = '6 0 ';
  const packed = zlib.deflateSync(Buffer.from(`${packedHeader}<< /S /JavaScript /JS (app.alert\\(1\\)) >>`, 'latin1'));
  let body = original;
  const objectStreamAt = body.length;
  body += `7 0 obj\n<< /Type /ObjStm /N 1 /First ${packedHeader.length} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n${packed.toString('latin1')}\nendstream\nendobj\n`;
  const catalogueAt = body.length;
  body += '1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Version /1.5 /OpenAction 6 0 R >>\nendobj\n';
  const xrefAt = body.length;
  // Rows of /W [1 4 2]: in use at an offset (1), or packed in an object stream at an index (2).
  const row = (type: number, where: number, index = 0) => {
    const bytes = Buffer.alloc(7);
    bytes.writeUInt8(type, 0);
    bytes.writeUInt32BE(where, 1);
    bytes.writeUInt16BE(index, 5);
    return bytes;
  };
  const rows = Buffer.concat([row(1, catalogueAt), row(2, 7), row(1, objectStreamAt), row(1, xrefAt)]);
  body += `8 0 obj\n<< /Type /XRef /Size 9 /Index [1 1 6 3] /W [1 4 2] /Root 1 0 R /Prev ${previousXref} /Length ${rows.length} >>\nstream\n`;
  body += `${rows.toString('latin1')}\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`;
  const pdf = Buffer.from(body, 'latin1');
  if (/\/(JavaScript|JS)\b/.test(body) || packed.includes('endstream'))
    throw new Error('The action is not hidden in the object stream');
  return pdf;
}

function withEntries(document: Buffer, entries: Record<string, string | Uint8Array>): Buffer {
  const files: Zippable = unzipSync(document);
  for (const [name, content] of Object.entries(entries))
    files[name] = typeof content === 'string' ? strToU8(content) : content;
  return Buffer.from(zipSync(files, { mtime }));
}

/** The start of an OLE compound file, which is what Word's macro store is. */
const compoundFile = (): Uint8Array =>
  Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);

export const docxWithMacro = (): Buffer => withEntries(docxFile(), { 'word/vbaProject.bin': compoundFile() });

/** A small real OpenDocument text: its mimetype first and stored, as the format requires. */
export function odtFile(text = 'Branch meeting notes'): Buffer {
  return Buffer.from(
    zipSync(
      {
        mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
        'content.xml': strToU8(
          `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text><text:p>${text}</text:p></office:text></office:body></office:document-content>`,
        ),
        'META-INF/manifest.xml': strToU8(
          '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        ),
      },
      { mtime },
    ),
  );
}

const basicLibraries = {
  'Basic/script-lc.xml':
    '<?xml version="1.0" encoding="UTF-8"?><library:libraries xmlns:library="http://openoffice.org/2000/library"><library:library library:name="Standard" library:link="false"/></library:libraries>',
  'Basic/Standard/script-lb.xml':
    '<?xml version="1.0" encoding="UTF-8"?><library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false"/>',
};

/** An OpenDocument text with a Basic macro that runs a program. */
export const odtWithBasicMacro = (): Buffer =>
  withEntries(odtFile(), {
    ...basicLibraries,
    'Basic/Standard/Module1.xml':
      '<?xml version="1.0" encoding="UTF-8"?><script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">Sub Main\n  Shell("cmd.exe")\nEnd Sub</script:module>',
  });

/** An OpenDocument text with the Basic library's index, as office programs write it, but no macro in it. */
export const odtWithEmptyBasicLibrary = (): Buffer => withEntries(odtFile(), basicLibraries);

export const rtfFile = (): Buffer =>
  Buffer.from(
    '{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}} The branch agreed its \\b objectives\\b0 for the year.\\par}',
  );
/** RTF carrying an embedded OLE package, which can run a program when opened. */
export const rtfWithEmbeddedObject = (): Buffer =>
  Buffer.from(
    '{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}} Minutes.\\par {\\object\\objemb {\\*\\objclass Package}{\\*\\objdata 01050000020000000800000050616b6167650000}}\\par}',
  );
