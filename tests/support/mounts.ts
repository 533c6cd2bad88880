import { execFileSync } from 'node:child_process';

/*
 * Faults of the file system made for real. The tests run as root (as CI does), whom file modes do
 * not stop, so a read-only or full file system has to be a mount of its own.
 */

/** Mounts `folder` again at `mountPoint`, read-only; returns how to unmount it. */
export function mountReadOnly(folder: string, mountPoint: string): () => void {
  execFileSync('mount', ['--bind', folder, mountPoint]);
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', mountPoint]);
  } catch (error) {
    execFileSync('umount', [mountPoint]);
    throw error;
  }
  return () => execFileSync('umount', [mountPoint]);
}

/** Mounts a new, empty file system in memory at `mountPoint`, holding `megabytes` at most; returns how to unmount it. */
export function mountSmallDisk(mountPoint: string, megabytes: number): () => void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', mountPoint]);
  return () => execFileSync('umount', [mountPoint]);
}
