import fs from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/** The kinds of report the portal accepts, each recognised by its content, never by its name. */
export const acceptedKinds = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  rtf: { mediaType: 'application/rtf', extensions: ['rtf'] },
  txt: { mediaType: 'text/plain', extensions: ['txt'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
} as const;

export type AcceptedKind = keyof typeof acceptedKinds;

export type Inspection =
  | { accepted: true; kind: AcceptedKind; mediaType: string }
  | { accepted: false; reason: 'empty' | 'notAccepted' | 'nameDoesNotMatch'; detectedKind?: AcceptedKind };

const kindByFileTypeExtension: Record<string, AcceptedKind> = {
  pdf: 'pdf',
  docx: 'docx',
  odt: 'odt',
  rtf: 'rtf',
  jpg: 'jpeg',
  png: 'png',
};

const textSampleBytes = 64 * 1024;
// Markup that a browser would run or render, which has no place in a plain-text report.
const markupSignature = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta|\?xml)\b/i;
// Control characters other than tab, line feed, form feed and carriage return.
const binaryControlCharacter = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

async function looksLikePlainText(filePath: string): Promise<boolean> {
  const handle = await fs.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(textSampleBytes);
    const { bytesRead } = await handle.read(buffer, 0, textSampleBytes, 0);
    let sample = buffer.subarray(0, bytesRead);
    // A sample may end in the middle of a multi-byte character: trim the partial character.
    if (bytesRead === textSampleBytes) {
      let end = sample.length;
      while (end > 0 && (sample[end - 1]! & 0xc0) === 0x80) end -= 1;
      if (end > 0 && sample[end - 1]! >= 0xc0) end -= 1;
      sample = sample.subarray(0, end);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
    } catch {
      return false;
    }
    return !binaryControlCharacter.test(text) && !markupSignature.test(text);
  } finally {
    await handle.close();
  }
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** Decides from the file's bytes whether it is a kind of report the portal accepts, and whether its name says the same. */
export async function inspectFile(filePath: string, fileName: string): Promise<Inspection> {
  const { size } = await fs.stat(filePath);
  if (size === 0) return { accepted: false, reason: 'empty' };

  const detected = await fileTypeFromFile(filePath);
  let kind: AcceptedKind | undefined;
  if (detected) {
    kind = kindByFileTypeExtension[detected.ext];
  } else if (await looksLikePlainText(filePath)) {
    kind = 'txt';
  }
  if (!kind) return { accepted: false, reason: 'notAccepted' };

  const nameExtensions: readonly string[] = acceptedKinds[kind].extensions;
  if (!nameExtensions.includes(extensionOf(fileName))) {
    return { accepted: false, reason: 'nameDoesNotMatch', detectedKind: kind };
  }
  return { accepted: true, kind, mediaType: acceptedKinds[kind].mediaType };
}

// Bidirectional overrides and isolates can make "report‮fdp.exe" read as "reportexe.pdf".
const unsafeNameCharacters = /[\u0000-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069\\/:*?"<>|]/g;
const longestName = 150;

/** A file name fit to show and to offer on download. It is never used as a path on disk. */
export function cleanFileName(originalName: string): string {
  const lastPart = originalName.split(/[\\/]/).pop() ?? '';
  const cleaned = lastPart.normalize('NFC').replace(unsafeNameCharacters, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const characters = Array.from(cleaned);
  if (characters.length <= longestName) return cleaned || 'report';
  const extension = extensionOf(cleaned);
  const keep = extension && extension.length < 10 ? `.${extension}` : '';
  return characters.slice(0, longestName - keep.length).join('') + keep;
}
