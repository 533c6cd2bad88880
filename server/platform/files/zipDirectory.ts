import fsPromises from 'node:fs/promises';

/** What a ZIP archive's central directory says about one entry. Nothing is ever inflated to find out. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
}

const endRecord = { signature: Buffer.from([0x50, 0x4b, 0x05, 0x06]), length: 22 } as const;
const directoryRecord = { signature: 0x02014b50, length: 46 } as const;
// The end record sits at the very end, after a comment of at most 65,535 bytes.
const longestTail = endRecord.length + 0xffff;

async function readAt(handle: fsPromises.FileHandle, position: number, length: number): Promise<Buffer> {
  const bytes = Buffer.alloc(length);
  const { bytesRead } = await handle.read(bytes, 0, length, position);
  return bytes.subarray(0, bytesRead);
}

/** The end of the file, where an archive's end record would be, and where in the file it starts. */
async function readTail(handle: fsPromises.FileHandle): Promise<{ tail: Buffer; tailStart: number }> {
  const { size } = await handle.stat();
  const tailStart = Math.max(0, size - longestTail);
  return { tail: await readAt(handle, tailStart, size - tailStart), tailStart };
}

async function withFile<T>(filePath: string, read: (handle: fsPromises.FileHandle) => Promise<T>): Promise<T> {
  const handle = await fsPromises.open(filePath, 'r');
  try {
    return await read(handle);
  } finally {
    await handle.close();
  }
}

/** Whether an unzip program would find an archive at the end of this file, whatever comes before it. */
export function endsWithZipArchive(filePath: string): Promise<boolean> {
  return withFile(filePath, async (handle) => (await readTail(handle)).tail.includes(endRecord.signature));
}

/**
 * The name and declared sizes of every entry, read from the central directory; null if the file has no
 * directory that can be read (cut short, damaged, or too big for a plain ZIP: ZIP64).
 */
export function zipEntries(filePath: string): Promise<ZipEntry[] | null> {
  return withFile(filePath, async (handle) => {
    const { tail, tailStart } = await readTail(handle);
    const endAt = tail.lastIndexOf(endRecord.signature);
    if (endAt === -1 || endAt + endRecord.length > tail.length) return null;
    const entryCount = tail.readUInt16LE(endAt + 10);
    const directoryLength = tail.readUInt32LE(endAt + 12);
    const directoryStart = tail.readUInt32LE(endAt + 16);
    if (directoryStart + directoryLength > tailStart + endAt) return null;
    const directory = await readAt(handle, directoryStart, directoryLength);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let index = 0; index < entryCount; index += 1) {
      if (at + directoryRecord.length > directory.length || directory.readUInt32LE(at) !== directoryRecord.signature)
        return null;
      const nameLength = directory.readUInt16LE(at + 28);
      entries.push({
        name: directory.toString('utf8', at + directoryRecord.length, at + directoryRecord.length + nameLength),
        compressedBytes: directory.readUInt32LE(at + 20),
        uncompressedBytes: directory.readUInt32LE(at + 24),
      });
      // The record, then its name, extra field and comment.
      at += directoryRecord.length + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return entries;
  });
}
