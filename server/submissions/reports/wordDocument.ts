import fsPromises from 'node:fs/promises';
import CFB from 'cfb';

/** What an old Word file (.doc, a compound file) holds that the portal asks about. */
export interface WordDocument {
  readonly hasMacros: boolean;
}

/**
 * Reads a compound file (the container of Word 97–2003, and of Excel and Outlook files too) and
 * says whether it is a Word document, by its WordDocument stream, and whether it carries a VBA
 * project (the Macros storage). Null when it is not a Word document, or cannot be read.
 */
export async function readWordDocument(filePath: string): Promise<WordDocument | null> {
  try {
    // Reports are at most 10 MB, and the format has to be read from its directory at the end.
    const container = CFB.read(await fsPromises.readFile(filePath), { type: 'buffer' });
    if (!CFB.find(container, 'WordDocument')) return null;
    return { hasMacros: container.FullPaths.some((fullPath) => /\/(Macros|_VBA_PROJECT_CUR)\//i.test(fullPath)) };
  } catch {
    return null;
  }
}
