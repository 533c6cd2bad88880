import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Where a benchmark's database file is when the benchmark starts: in the OS's page cache, or only on disk. */
export type FileCache = 'cached' | 'on disk';

const dropCachesFile = '/proc/sys/vm/drop_caches';

/** Whether this process may empty the OS's page cache (Linux, as root). */
export function canDropCaches(): boolean {
  try {
    fs.accessSync(dropCachesFile, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Reads a file through once, so that the OS holds it in its page cache. */
function readThrough(filePath: string): void {
  const buffer = Buffer.alloc(4 * 1024 * 1024);
  const fd = fs.openSync(filePath, 'r');
  try {
    while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    fs.closeSync(fd);
  }
}

/** Puts `filePath` in the OS's page cache, or empties the cache so that it must be read from disk. */
export function placeFile(filePath: string, cache: FileCache): void {
  if (cache === 'cached') {
    readThrough(filePath);
  } else {
    execFileSync('sync');
    fs.writeFileSync(dropCachesFile, '3');
  }
}
