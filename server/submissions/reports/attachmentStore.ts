import fs from 'node:fs';
import path from 'node:path';

const storedNamePattern = /^[0-9a-f]{32}$/;

/**
 * Where attached reports live on disk. A file arrives in `incoming/` under a random name (its
 * stored name), is moved into `uploads/` only after its row commits, and is found again by
 * that name. Nothing here ever uses a name the sender chose.
 */
export class AttachmentStore {
  readonly incomingDir: string;
  readonly heldDir: string;
  /** Files of a submission being erased wait here until the row's deletion commits. */
  readonly erasingDir: string;

  constructor(
    private readonly uploadsDir: string,
    tempDir: string,
  ) {
    this.incomingDir = path.join(tempDir, 'incoming');
    this.heldDir = path.join(tempDir, 'held');
    this.erasingDir = path.join(tempDir, 'erasing');
    for (const dir of [this.uploadsDir, this.incomingDir, this.heldDir, this.erasingDir])
      fs.mkdirSync(dir, { recursive: true });
  }

  static isStoredName(name: string): boolean {
    return storedNamePattern.test(name);
  }

  /**
   * Where a stored file lives, relative to the uploads folder. Two levels of folders keep any one
   * folder small at a million files.
   */
  static relativePathOf(storedName: string): string {
    if (!AttachmentStore.isStoredName(storedName)) throw new Error(`Not a stored file name: ${storedName}`);
    return path.join(storedName.slice(0, 2), storedName);
  }

  pathOf(storedName: string): string {
    return path.join(this.uploadsDir, AttachmentStore.relativePathOf(storedName));
  }

  /** Moves a file that has been recorded into its place. Rename is atomic on one file system. */
  place(temporaryPath: string, storedName: string): void {
    const destination = this.pathOf(storedName);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.renameSync(temporaryPath, destination);
  }

  /** Undoes `place`: moves the file back to where it came from. */
  unplace(storedName: string, temporaryPath: string): void {
    fs.renameSync(this.pathOf(storedName), temporaryPath);
  }

  /** Moves a file out of its place before its row is deleted; `restore` puts it back if the deletion fails. */
  setAside(storedName: string): void {
    const current = this.pathOf(storedName);
    if (fs.existsSync(current)) fs.renameSync(current, this.setAsidePath(storedName));
  }

  restore(storedName: string): void {
    const setAside = this.setAsidePath(storedName);
    if (fs.existsSync(setAside)) this.place(setAside, storedName);
  }

  discardSetAside(storedName: string): void {
    fs.rmSync(this.setAsidePath(storedName), { force: true });
  }

  /**
   * Removes every file still set aside. An erasure sets files aside, commits and removes them in
   * one turn of the event loop, so any left here were of an erasure that committed but could not
   * remove them then (a disk error, say).
   */
  discardAllSetAside(): number {
    const names = fs.readdirSync(this.erasingDir);
    for (const name of names) fs.rmSync(path.join(this.erasingDir, name), { force: true });
    return names.length;
  }

  private setAsidePath(storedName: string): string {
    return path.join(this.erasingDir, path.basename(this.pathOf(storedName)));
  }

  /**
   * After a crash: a temporary file whose row committed is moved into place (the submission
   * was acknowledged or about to be). Any other incoming file is removed; files held for a
   * form shown again are left to expire. A file set aside for an erasure goes back if its row
   * is still there, and is removed if the erasure committed.
   */
  recover(isRecorded: (storedName: string) => boolean): { placed: number; removed: number } {
    let placed = 0;
    let removed = 0;
    const heldFiles = fs
      .readdirSync(this.heldDir)
      .flatMap((holding) =>
        fs.readdirSync(path.join(this.heldDir, holding)).map((name) => path.join(this.heldDir, holding, name)),
      );
    for (const temporaryPath of heldFiles) {
      const name = path.basename(temporaryPath);
      if (AttachmentStore.isStoredName(name) && isRecorded(name)) {
        this.place(temporaryPath, name);
        placed += 1;
      }
    }
    const setAside = fs.readdirSync(this.erasingDir).map((name) => path.join(this.erasingDir, name));
    const incoming = fs.readdirSync(this.incomingDir).map((name) => path.join(this.incomingDir, name));
    for (const temporaryPath of [...setAside, ...incoming]) {
      const name = path.basename(temporaryPath);
      if (AttachmentStore.isStoredName(name) && isRecorded(name)) {
        this.place(temporaryPath, name);
        placed += 1;
      } else {
        fs.rmSync(temporaryPath, { force: true, recursive: true });
        removed += 1;
      }
    }
    return { placed, removed };
  }
}
