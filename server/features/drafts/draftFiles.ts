import fs from 'node:fs';
import path from 'node:path';
import { AttachmentStore } from '../../submissions/reports/attachmentStore';
import type { AcceptedFile } from '../../submissions/reports/heldUploads';
import type { AttachmentRecord } from '../../submissions/submission';

/**
 * Where the reports of saved drafts live: one folder, each file under its stored name. A file is
 * moved in before its row commits, so a row never names a file that is not there; a file whose
 * row did not commit, or whose draft was deleted, is removed by `sweep`.
 */
export class DraftFiles {
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  pathOf(storedName: string): string {
    if (!AttachmentStore.isStoredName(storedName)) throw new Error(`Not a stored file name: ${storedName}`);
    return path.join(this.dir, storedName);
  }

  /** Moves accepted files in (rename: atomic on one file system); returns them where they now are. */
  takeIn(files: readonly AcceptedFile[]): AcceptedFile[] {
    const moved: AcceptedFile[] = [];
    try {
      for (const file of files) {
        const destination = this.pathOf(file.storedName);
        fs.renameSync(file.path, destination);
        moved.push({ ...file, path: destination });
      }
    } catch (error) {
      this.giveBack(moved, files);
      throw error;
    }
    return moved;
  }

  /** Moves files taken in for a save that did not commit back where they came from, so that the form shown again still has them. */
  giveBack(moved: readonly AcceptedFile[], originals: readonly AcceptedFile[]): void {
    for (const file of moved) {
      const original = originals.find((candidate) => candidate.storedName === file.storedName);
      if (original) fs.renameSync(file.path, original.path);
    }
  }

  /** A stored report as a file the response can carry. */
  asAccepted(report: AttachmentRecord): AcceptedFile {
    return { ...report, path: this.pathOf(report.storedName) };
  }

  /** Removes these files, where they are still here (a file sent with a response has moved on). */
  remove(storedNames: readonly string[]): void {
    for (const storedName of storedNames) fs.rmSync(this.pathOf(storedName), { force: true });
  }

  /**
   * Removes every file no draft names; returns how many went. A file a sent response names (its
   * move into place was cut short) is moved there instead.
   */
  sweep(
    draftNames: (storedName: string) => boolean,
    responseNames: (storedName: string) => boolean,
    placeForResponse: (path: string, storedName: string) => void,
  ): number {
    let removed = 0;
    for (const name of fs.readdirSync(this.dir)) {
      const filePath = path.join(this.dir, name);
      const storedName = AttachmentStore.isStoredName(name);
      if (storedName && draftNames(name)) continue;
      if (storedName && responseNames(name)) placeForResponse(filePath, name);
      else {
        fs.rmSync(filePath, { force: true, recursive: true });
        removed += 1;
      }
    }
    return removed;
  }
}
