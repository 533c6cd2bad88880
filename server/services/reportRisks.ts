import fs from 'node:fs';
import type { ZipEntry } from './zipDirectory';

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
async function fileContains(filePath: string, pattern: RegExp, normalise: (text: string) => string = (text) => text): Promise<boolean> {
  let tail = '';
  for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
    const text = tail + chunk.toString('latin1');
    if (pattern.test(normalise(text))) return true;
    tail = text.slice(-overlap);
  }
  return false;
}

const unescapePdfNames = (text: string) => text.replace(escapedNameCharacter, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));

// Word keeps VBA in vbaProject.bin; OpenDocument keeps Basic modules under Basic/<library>/ (beside
// the library's index files) and other scripts under Scripts/.
const wordMacro = /(^|\/)vbaProject\.bin$/i;
const openDocumentMacro = /^Basic\/[^/]+\/(?!script-lb\.xml$|dialog-lb\.xml$)[^/]+\.xml$|^Scripts\/.+[^/]$/;

export function archiveRisk(entries: readonly ZipEntry[]): ReportRisk | null {
  return entries.some((entry) => wordMacro.test(entry.name) || openDocumentMacro.test(entry.name)) ? 'macro' : null;
}

export async function pdfRisk(filePath: string): Promise<ReportRisk | null> {
  return (await fileContains(filePath, pdfActiveContent, unescapePdfNames)) ? 'active-content' : null;
}

export async function rtfRisk(filePath: string): Promise<ReportRisk | null> {
  return (await fileContains(filePath, rtfEmbeddedObject)) ? 'embedded-object' : null;
}
