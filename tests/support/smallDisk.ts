import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A real file system of a few megabytes, which fills up as a real disk does (ENOSPC). */
export interface SmallDisk {
  readonly dir: string;
  /** Unmounts it and removes its mount point. */
  remove(): void;
}

/**
 * Mounts a tmpfs of `megabytes` on a new temporary folder. Tests and CI run as root, where
 * chmod or a quota cannot make a disk full, but a mount can: a tmpfs refuses writes past its size.
 */
export function mountSmallDisk(megabytes: number): SmallDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    fs.rmdirSync(dir);
    throw new Error(
      `A full disk is made by mounting a small tmpfs, which needs root (as tests and CI run): ${String(error)}`,
      { cause: error },
    );
  }
  return {
    dir,
    remove() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      fs.rmdirSync(dir);
    },
  };
}
