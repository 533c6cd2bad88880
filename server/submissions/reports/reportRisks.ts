import fs from 'node:fs';
import zlib from 'node:zlib';
import type { ZipEntry } from '../../platform/files/zipDirectory';

/**
 * What in an accepted report could act when the officer opens it on a desktop: a macro (Word's
 * VBA, OpenDocument's Basic or scripts), JavaScript or a program launched by a PDF, or an object
 * embedded in RTF. Such a report is still accepted, and the officer is told.
 */
export const reportRisks = ['macro', 'active-content', 'embedded-object'] as const;
export type ReportRisk = (typeof reportRisks)[number];

// A PDF name may spell any character as #xx: "/J#61vaScript" is "/JavaScript".
const escapedNameCharacter = /#([0-9A-Fa-f]{2})/g;
// JavaScript (run on opening through /OpenAction, or on another event through /AA) and /Launch,
// which starts a program. A name ends at any character that is not part of a name.
const pdfActiveContent = /\/(JavaScript|JS|Launch)(?![^\s/<>[\]()%{}])/;
// An OLE object's group (\object) or its data (\objdata); control words end at a non-letter.
const rtfEmbeddedObject = /\\obj(?:ect|data)(?![A-Za-z])/;
// More than any of the names above takes, escaped, so that one split across two chunks is seen.
const overlap = 64;

/** Whether `pattern` matches anywhere in the file, read a chunk at a time (memory stays one chunk, whatever the file's size). */
async function fileContains(filePath: string, pattern: RegExp): Promise<boolean> {
  let tail = '';
  for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
    const text = tail + chunk.toString('latin1');
    if (pattern.test(text)) return true;
    tail = text.slice(-overlap);
  }
  return false;
}

const unescapePdfNames = (text: string) =>
  text.replace(escapedNameCharacter, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const hasPdfActiveContent = (text: string) => pdfActiveContent.test(unescapePdfNames(text));

// An object stream: objects (an action's dictionary among them) packed and compressed together,
// where a plain search cannot see their names. Its dictionary, then the keyword and a line end.
const objectStreamStart = /\/ObjStm\b[^]{0,2048}?\bstream\r?\n/;
const streamEnd = 'endstream';
// Enough of the previous chunk to hold an object stream's dictionary and its keyword.
const pdfOverlap = 4096;
// Far more than a report's object streams unpack to; a stream that unpacks to more is not read.
const inflatedLimitBytes = 64 * 1024 * 1024;

function inflatedText(compressed: string): string {
  try {
    // A sync flush: a stream cut short still gives what it holds.
    const options = { maxOutputLength: inflatedLimitBytes, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    return zlib.inflateSync(Buffer.from(compressed, 'latin1'), options).toString('latin1');
  } catch {
    return '';
  }
}

/**
 * Reads a PDF a chunk at a time for an action's names: in the file as it is, and inside each
 * object stream, which is gathered (at most the file's size) and unpacked (at most
 * inflatedLimitBytes) on its own.
 */
async function pdfContainsActiveContent(filePath: string): Promise<boolean> {
  let pending = '';
  let objectStream: string[] | null = null;
  for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
    pending += chunk.toString('latin1');
    for (;;) {
      if (objectStream) {
        const end = pending.indexOf(streamEnd);
        if (end === -1) {
          // Keep what could be the start of the end keyword for the next chunk.
          objectStream.push(pending.slice(0, -streamEnd.length));
          pending = pending.slice(-streamEnd.length);
          break;
        }
        objectStream.push(pending.slice(0, end));
        if (hasPdfActiveContent(inflatedText(objectStream.join('')))) return true;
        objectStream = null;
        pending = pending.slice(end + streamEnd.length);
      } else {
        if (hasPdfActiveContent(pending)) return true;
        const start = objectStreamStart.exec(pending);
        if (!start) {
          pending = pending.slice(-pdfOverlap);
          break;
        }
        objectStream = [];
        pending = pending.slice(start.index + start[0].length);
      }
    }
  }
  return false;
}

// Word keeps VBA in vbaProject.bin; OpenDocument keeps Basic modules under Basic/<library>/ (beside
// the library's index files) and other scripts under Scripts/.
const wordMacro = /(^|\/)vbaProject\.bin$/i;
const openDocumentMacro = /^Basic\/[^/]+\/(?!script-lb\.xml$|dialog-lb\.xml$)[^/]+\.xml$|^Scripts\/.+[^/]$/;

export function archiveRisk(entries: readonly ZipEntry[]): ReportRisk | null {
  return entries.some((entry) => wordMacro.test(entry.name) || openDocumentMacro.test(entry.name)) ? 'macro' : null;
}

export async function pdfRisk(filePath: string): Promise<ReportRisk | null> {
  return (await pdfContainsActiveContent(filePath)) ? 'active-content' : null;
}

export async function rtfRisk(filePath: string): Promise<ReportRisk | null> {
  return (await fileContains(filePath, rtfEmbeddedObject)) ? 'embedded-object' : null;
}
