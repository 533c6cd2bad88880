import { strToU8, zipSync } from 'fflate';
import { pdfDocument } from '../../server/demo/pdfDocument';

/** A small but real PDF with one page of text. */
export function pdfFile(text = 'Workshop report'): Buffer {
  return pdfDocument(text);
}

/** A small but real Word document. */
export function docxFile(text = 'Branch meeting notes'): Buffer {
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ),
  };
  // A fixed date, so the same document is the same bytes whenever it is made.
  return Buffer.from(zipSync(files, { mtime: new Date('2020-05-01T12:00:00Z') }));
}

/** A 1×1 PNG. */
export function pngFile(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}

export const htmlFile = (): Buffer => Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
/** The start of a Windows executable. */
export const exeFile = (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
