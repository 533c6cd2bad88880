import fs from 'node:fs';

/**
 * Keeps a reserve of free space on the data folder's disk, which report files may not take: the
 * database, the mail outbox and the session store need room to write, and a full disk stops them all.
 */
export class FreeSpace {
  constructor(
    private readonly dir: string,
    private readonly reserveBytes: number,
  ) {}

  /** Whether a file of up to `bytes` may be written now and still leave the reserve free. */
  async allows(bytes: number): Promise<boolean> {
    try {
      // Blocks available to the portal's user: root's own reserve is for the system, not for uploads.
      const { bavail, bsize } = await fs.promises.statfs(this.dir);
      return bavail * bsize - bytes >= this.reserveBytes;
    } catch (error) {
      // A disk that cannot say how full it is takes no files either; what the person typed is kept.
      console.error('Could not read the free space of the data folder, so report files are refused for now:', error);
      return false;
    }
  }
}
