import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { archiveRisk, pdfRisk, rtfRisk, type ReportRisk } from './reportRisks';
import { readWordDocument, type WordDocument } from './wordDocument';
import { endsWithZipArchive, zipEntries, type ZipEntry } from '../../platform/files/zipDirectory';

/**
 * The kinds of report the portal accepts, each recognised by its content, never by its name. A
 * kind's family is what people call it by: a .docx and a .doc are both Word files.
 */
export const acceptedKinds = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], family: 'pdf' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    family: 'word',
  },
  // Word 97–2003, which many branch computers still save.
  doc: { mediaType: 'application/msword', extensions: ['doc'], family: 'word' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], family: 'openDocument' },
  rtf: { mediaType: 'application/rtf', extensions: ['rtf'], family: 'rtf' },
  txt: { mediaType: 'text/plain', extensions: ['txt'], family: 'plainText' },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], family: 'image' },
  png: { mediaType: 'image/png', extensions: ['png'], family: 'image' },
  // What an iPhone takes a photograph of a flipchart in.
  heic: { mediaType: 'image/heic', extensions: ['heic', 'heif'], family: 'image' },
} as const;

export type AcceptedKind = keyof typeof acceptedKinds;

/** For a file chooser's accept attribute: ".pdf,.docx,…". */
export const acceptedReportExtensions = Object.values(acceptedKinds)
  .flatMap((kind) => kind.extensions.map((extension) => `.${extension}`))
  .join(',');

/** Why a file of an accepted kind is still refused. */
type ContentProblem = 'polyglot' | 'damaged' | 'unpacksTooLarge';

export type Inspection =
  | { accepted: true; kind: AcceptedKind; mediaType: string; risk: ReportRisk | null }
  | {
      accepted: false;
      reason: 'empty' | 'notAccepted' | 'nameDoesNotMatch' | ContentProblem;
      detectedKind?: AcceptedKind;
    };

const kindByFileTypeExtension: Record<string, AcceptedKind> = {
  pdf: 'pdf',
  docx: 'docx',
  odt: 'odt',
  rtf: 'rtf',
  jpg: 'jpeg',
  png: 'png',
  heic: 'heic',
};

// Markup that a browser would run or render, which has no place in a plain-text report.
const markupSignature =
  /<\s*\/?\s*(!doctype|html|head|body|script|svg|iframe|frame|object|embed|meta|link|style|img|a|form|input|base|math|\?xml)\b|javascript:/i;
// Control characters other than tab, line feed, form feed and carriage return.
const binaryControlCharacter = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;
// Enough of the previous chunk to catch markup split across two chunks.
const overlap = 64;

function textEncodingOf(firstBytes: Buffer): 'utf-16le' | 'utf-16be' | 'utf-8' {
  if (firstBytes[0] === 0xff && firstBytes[1] === 0xfe) return 'utf-16le';
  if (firstBytes[0] === 0xfe && firstBytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Reads the whole file as text in `encoding`; false if it does not decode, or holds binary or markup. */
async function isCleanText(filePath: string, encoding: string): Promise<boolean> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let tail = '';
  try {
    for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
      const text = tail + decoder.decode(chunk, { stream: true });
      if (binaryControlCharacter.test(text) || markupSignature.test(text)) return false;
      tail = text.slice(-overlap);
    }
    const rest = tail + decoder.decode();
    return !binaryControlCharacter.test(rest) && !markupSignature.test(rest);
  } catch {
    return false;
  }
}

async function firstBytes(filePath: string, length: number): Promise<Buffer> {
  const handle = await fsPromises.open(filePath, 'r');
  try {
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await handle.read(bytes, 0, length, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Plain text as members save it: UTF-8, UTF-16 with a byte-order mark (Windows Notepad), or
 * Windows-1252 (older Windows programs), with no binary content and no markup anywhere in it.
 */
async function looksLikePlainText(filePath: string, encoding: ReturnType<typeof textEncodingOf>): Promise<boolean> {
  if (encoding !== 'utf-8') return isCleanText(filePath, encoding);
  return (await isCleanText(filePath, 'utf-8')) || isCleanText(filePath, 'windows-1252');
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

// The most a browser reads to guess what a file is (the MIME Sniffing Standard's resource header).
const sniffedBytes = 1445;
// Tags that make a browser treat the bytes as a web page, or run them. Not every tag: "<style:"
// and "<svg:" are ordinary in an OpenDocument file's XML.
const webPageSignature =
  /<\s*(!doctype\s+html|html|head|body|script|iframe|frame|svg|object|embed|meta|base|form)[\s>/]/i;
const isZipBased = (kind: AcceptedKind) => kind === 'docx' || kind === 'odt';

// A real report, unpacked, is a few megabytes; a "zip bomb" is made to unpack to gigabytes.
export const unpackedLimitBytes = 100 * 1024 * 1024;

/**
 * What is wrong with the unpacked size of a ZIP-based document, read from its directory alone.
 * Deflate can make data only a little larger, so an entry said to unpack to less than its
 * compressed size is lying, as a bomb does to get past a check of sizes.
 */
function archiveProblem(entries: readonly ZipEntry[] | null): ContentProblem | null {
  if (!entries || entries.length === 0) return 'damaged';
  if (entries.some((entry) => entry.compressedBytes > entry.uncompressedBytes * 1.01 + 1024)) return 'damaged';
  const unpackedBytes = entries.reduce((total, entry) => total + entry.uncompressedBytes, 0);
  return unpackedBytes > unpackedLimitBytes ? 'unpacksTooLarge' : null;
}

/**
 * A binary document that is something else as well (a polyglot): a web page where a browser
 * looks to guess the type, or an archive appended for an unzip program to find. Plain text has
 * already been read whole for markup; RTF that an email program saved carries HTML by design.
 */
async function contentProblem(
  filePath: string,
  kind: AcceptedKind,
  entries: readonly ZipEntry[] | null,
): Promise<ContentProblem | null> {
  if (kind === 'txt' || kind === 'rtf') return null;
  if (webPageSignature.test((await firstBytes(filePath, sniffedBytes)).toString('latin1'))) return 'polyglot';
  if (isZipBased(kind)) return archiveProblem(entries);
  return (await endsWithZipArchive(filePath)) ? 'polyglot' : null;
}

/** What in an accepted file could act when it is opened; only documents can hold any. */
async function riskOf(
  filePath: string,
  kind: AcceptedKind,
  entries: readonly ZipEntry[] | null,
  word: WordDocument | null,
): Promise<ReportRisk | null> {
  if (kind === 'pdf') return pdfRisk(filePath);
  if (kind === 'rtf') return rtfRisk(filePath);
  if (isZipBased(kind)) return entries ? archiveRisk(entries) : null;
  if (word) return word.hasMacros ? 'macro' : null;
  return null;
}

/** Decides from the file's bytes whether it is a kind of report the portal accepts, and whether its name says the same. */
export async function inspectFile(filePath: string, fileName: string): Promise<Inspection> {
  const { size } = await fsPromises.stat(filePath);
  if (size === 0) return { accepted: false, reason: 'empty' };

  // A UTF-16 byte-order mark says the file is text; file-type would read it as MPEG audio.
  const encoding = textEncodingOf(await firstBytes(filePath, 2));
  const detected = encoding === 'utf-8' ? await fileTypeFromFile(filePath) : undefined;
  let kind: AcceptedKind | undefined;
  // A compound file is a report only when it is a Word document; what was read of it is kept.
  let word: WordDocument | null = null;
  if (detected?.ext === 'cfb') {
    word = await readWordDocument(filePath);
    kind = word ? 'doc' : undefined;
  } else if (detected) {
    kind = kindByFileTypeExtension[detected.ext];
  } else if (await looksLikePlainText(filePath, encoding)) {
    kind = 'txt';
  }
  if (!kind) return { accepted: false, reason: 'notAccepted' };

  // A ZIP-based document's directory, read once for both its checks (null if it cannot be read).
  const entries = isZipBased(kind) ? await zipEntries(filePath) : null;
  // Before the name: renaming would not help.
  const problem = await contentProblem(filePath, kind, entries);
  if (problem) return { accepted: false, reason: problem };

  const nameExtensions: readonly string[] = acceptedKinds[kind].extensions;
  if (!nameExtensions.includes(extensionOf(fileName))) {
    return { accepted: false, reason: 'nameDoesNotMatch', detectedKind: kind };
  }
  return {
    accepted: true,
    kind,
    mediaType: acceptedKinds[kind].mediaType,
    risk: await riskOf(filePath, kind, entries, word),
  };
}

// Control characters, characters Windows forbids in names, and invisible formatting characters:
// bidirectional overrides and isolates can make "report‮fdp.exe" read as "reportexe.pdf".
const unsafeNameCharacters =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB\\/:*?"<>|]/g;
const longestName = 150;

/** A file name fit to show and to offer on download. It is never used as a path on disk. */
export function cleanFileName(originalName: string): string {
  const lastPart = originalName.split(/[\\/]/).pop() ?? '';
  // Leading dots hide a file; trailing dots and spaces are dropped by Windows, as here.
  const cleaned = lastPart
    .normalize('NFC')
    .replace(unsafeNameCharacters, '')
    .replace(/\s+/g, ' ')
    .replace(/^[. ]+|[. ]+$/g, '');
  const characters = Array.from(cleaned);
  if (characters.length <= longestName) return cleaned || 'report';
  const extension = extensionOf(cleaned);
  const keep = extension && extension.length < 10 ? `.${extension}` : '';
  return characters.slice(0, longestName - keep.length).join('') + keep;
}
