import { strToU8, zipSync } from 'fflate';
import CFB from 'cfb';
import { pdfDocument } from '../../server/features/demo/pdfDocument';

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

/**
 * An old-style Word document (Word 97–2003): a compound file with a WordDocument stream, and, with
 * `macros`, the Macros storage in which Word keeps a VBA project.
 */
export function docFile({ macros = false } = {}): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/WordDocument', Buffer.from('Branch meeting notes'));
  CFB.utils.cfb_add(container, '/1Table', Buffer.alloc(64));
  if (macros) CFB.utils.cfb_add(container, '/Macros/VBA/ThisDocument', Buffer.from('Sub AutoOpen()'));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** An Excel 97–2003 workbook: the same kind of compound file as a .doc, but not a report. */
export function xlsFile(): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, '/Workbook', Buffer.alloc(64));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** An ISO base media box: its size, its four-letter type, then its content. */
function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
}

/** The boxes an iPhone's HEIC photo starts with: the file type (brand heic), its metadata and its data. */
export function heicFile(): Buffer {
  const fileType = box('ftyp', Buffer.from('heic', 'latin1'), Buffer.alloc(4), Buffer.from('mif1heic', 'latin1'));
  const metadata = box(
    'meta',
    Buffer.alloc(4),
    box('hdlr', Buffer.alloc(8), Buffer.from('pict', 'latin1'), Buffer.alloc(13)),
  );
  return Buffer.concat([fileType, metadata, box('mdat', Buffer.alloc(32, 0x55))]);
}
