import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** A text file to put beside a report, such as a warning of what is in it. */
export interface ZipNote {
  readonly name: string;
  readonly text: string;
}

export interface ZipSource {
  reference: string;
  originalName: string;
  path: string;
  note?: ZipNote | null;
}

// Separators, control characters and the characters Windows refuses in a file name.
const unsafeInName = /[/\\<>:"|?*\u0000-\u001f\u007f]/g;

/** One path segment that cannot climb out of its folder or hide itself when unzipped. */
function safeEntrySegment(name: string): string {
  const safe = name.replace(unsafeInName, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  return safe === '' ? '_' : safe;
}

function numbered(name: string, copy: number): string {
  const extension = path.extname(name);
  return `${name.slice(0, name.length - extension.length)} (${copy})${extension}`;
}

/**
 * Entry names for a submission's files, `<reference>/<name>`, numbering repeated names
 * "report (2).pdf". Names are compared ignoring case, as Windows and macOS unzip them.
 */
class EntryNames {
  private readonly takenByReference = new Map<string, Set<string>>();

  next(reference: string, originalName: string): string {
    const folder = safeEntrySegment(reference);
    const taken = this.takenByReference.get(folder) ?? new Set<string>();
    this.takenByReference.set(folder, taken);
    const wanted = safeEntrySegment(originalName);
    let name = wanted;
    for (let copy = 2; taken.has(name.toLowerCase()); copy += 1) name = numbered(wanted, copy);
    taken.add(name.toLowerCase());
    return `${folder}/${name}`;
  }
}

/**
 * Streams the files, each with its note if it has one, into a ZIP on `out` and ends it. Each file is read from disk only when its
 * turn comes. A file that cannot be read fails the whole archive (and destroys `out`) rather
 * than leaving a download that looks complete but is not.
 */
export async function writeZip(files: Iterable<ZipSource>, out: NodeJS.WritableStream): Promise<void> {
  const zip = new ZipFile();
  const failure = new AbortController();
  zip.on('error', (error: unknown) => failure.abort(error));
  const delivery = pipeline(zip.outputStream, out, { signal: failure.signal });
  try {
    const entryNames = new EntryNames();
    for (const file of files) {
      zip.addFile(file.path, entryNames.next(file.reference, file.originalName));
      if (file.note) zip.addBuffer(Buffer.from(`${file.note.text}\n`), entryNames.next(file.reference, file.note.name));
    }
    zip.end();
  } catch (error) {
    failure.abort(error);
  }
  try {
    await delivery;
  } catch (error) {
    throw failure.signal.aborted ? failure.signal.reason : error;
  }
}
