import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../../config';
import { AuditRepository } from '../../platform/audit/auditRepository';
import {
  BackupRepository,
  openDatabaseToRead,
  openSnapshot,
  snapshotDatabase,
  type AttachedFile,
} from './backupRepository';
import type { Db } from '../../platform/db/database';
import { loadConsultation } from '../../consultation/loadConsultation';
import { consultationEmails } from '../../submissions/consultationEmails';
import { AttachmentStore } from '../../submissions/reports/attachmentStore';
import { AuditLog, type Actor } from '../../platform/audit/auditLog';
import { BackupError, backupUploadsFolder, isMissingOrEmpty, unfinishedSuffix, writeManifest } from './backupFolder';
import type { Clock } from '../../platform/time/clock';
import { erasureOf } from '../workspace';

export type BackupLocations = Pick<Config, 'dataDir' | 'databasePath' | 'uploadsDir' | 'contentDir' | 'baseUrl'>;

export interface BackupSummary {
  readonly folder: string;
  readonly takenAt: Date;
  readonly submissions: number;
  readonly attachments: number;
  readonly attachmentBytes: number;
  /** References of submissions in the snapshot that the portal deleted before the backup finished. */
  readonly leftOutAsErased: readonly string[];
}

export interface BackupTiming {
  /**
   * How long to wait for the file of a row that is in the snapshot and still in the portal,
   * but not in uploads yet. The portal moves a file into place straight after its row commits,
   * and sets it aside just before an erasure commits, so the wait is normally a few milliseconds.
   */
  readonly settleMs: number;
  readonly pollMs: number;
}

/** For tests: something to do between the database snapshot and the copying of files. */
export interface BackupHooks {
  readonly afterSnapshot?: () => void | Promise<void>;
}

const defaultTiming: BackupTiming = { settleMs: 10_000, pollMs: 25 };

const backupActor: Actor = { officerId: null, name: 'backup (erased from the portal while the backup was taken)' };

/** 2026-11-23T10:15:00.123Z → 2026-11-23T10-15-00Z: sorts by time, and is a valid file name everywhere. */
export function backupFolderName(takenAt: Date): string {
  return `${takenAt.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;
}

/**
 * Takes a consistent copy of the database and uploads while the portal keeps serving. The copy
 * holds the portal as it was at one moment (the database snapshot), minus any submission the
 * portal deleted before the copy was finished: an erasure reaches the backup being taken too.
 */
export class BackupService {
  constructor(
    private readonly locations: BackupLocations,
    private readonly clock: Clock,
    private readonly timing: BackupTiming = defaultTiming,
  ) {}

  defaultFolder(): string {
    return path.join(this.locations.dataDir, 'backups', backupFolderName(this.clock.now()));
  }

  async take(folder: string, hooks: BackupHooks = {}): Promise<BackupSummary> {
    if (!isMissingOrEmpty(folder)) {
      throw new BackupError(
        `${folder} already exists and is not empty. Choose a new folder for the backup (or leave out --to).`,
      );
    }
    if (!fs.existsSync(this.locations.databasePath)) {
      throw new BackupError(
        `There is no database at ${this.locations.databasePath}. Run the backup with the same DATA_DIR (and DATABASE_PATH) as the portal.`,
      );
    }
    const folderExisted = fs.existsSync(folder);
    fs.mkdirSync(folder, { recursive: true });
    try {
      return await this.fill(folder, hooks);
    } catch (error) {
      // Half a backup is worse than none: it looks usable, and may hold what was since erased.
      if (folderExisted)
        for (const entry of fs.readdirSync(folder))
          fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
      else fs.rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** Where the database goes in the backup: where it is in DATA_DIR, so that a restore is a copy. */
  private databaseNameInBackup(): string {
    const relative = path.relative(this.locations.dataDir, this.locations.databasePath);
    return relative.startsWith('..') || path.isAbsolute(relative)
      ? path.basename(this.locations.databasePath)
      : relative;
  }

  private async fill(folder: string, hooks: BackupHooks): Promise<BackupSummary> {
    const databaseName = this.databaseNameInBackup();
    const unfinishedPath = path.join(folder, `${databaseName}${unfinishedSuffix}`);
    fs.mkdirSync(path.dirname(unfinishedPath), { recursive: true });
    const live = openDatabaseToRead(this.locations.databasePath);
    try {
      const takenAt = this.clock.now();
      snapshotDatabase(live, unfinishedPath);
      await hooks.afterSnapshot?.();
      const snapshot = openSnapshot(unfinishedPath);
      try {
        const result = await this.completeSnapshot(snapshot, new BackupRepository(live), folder);
        writeManifest(folder, {
          format: 1,
          takenAt: takenAt.toISOString(),
          finishedAt: this.clock.now().toISOString(),
          database: databaseName,
          submissions: result.submissions,
          attachments: result.attachments,
          attachmentBytes: result.attachmentBytes,
          leftOutAsErased: result.leftOutAsErased.length,
        });
        snapshot.close();
        // Last, so that a backup without its database under its own name is plainly unfinished.
        fs.renameSync(unfinishedPath, path.join(folder, databaseName));
        return { folder, takenAt, ...result };
      } finally {
        if (snapshot.open) snapshot.close();
      }
    } finally {
      live.close();
    }
  }

  private async completeSnapshot(
    snapshot: Db,
    liveRepository: BackupRepository,
    folder: string,
  ): Promise<Omit<BackupSummary, 'folder' | 'takenAt'>> {
    const snapshotRepository = new BackupRepository(snapshot);
    const backupUploadsDir = path.join(folder, backupUploadsFolder);
    fs.mkdirSync(backupUploadsDir, { recursive: true });
    const files = snapshotRepository.attachedFiles();
    const notInPlace: AttachedFile[] = [];
    for (const file of files) {
      if (!(await copyIfPresent(file, this.locations.uploadsDir, backupUploadsDir))) notInPlace.push(file);
    }
    await this.waitForFilesOrErasure(notInPlace, liveRepository, backupUploadsDir);

    const stillInPortal = new Set(liveRepository.references());
    const leftOutAsErased = snapshotRepository.references().filter((reference) => !stillInPortal.has(reference));
    if (leftOutAsErased.length > 0) {
      eraseFromSnapshot(
        snapshot,
        leftOutAsErased,
        { backupUploadsDir, scratchDir: path.join(folder, 'tmp'), locations: this.locations },
        this.clock,
      );
      snapshotRepository.compact();
    }

    const problems = snapshotRepository.integrityProblems();
    if (problems.length > 0) {
      throw new BackupError(
        `The copy of the database failed SQLite's integrity check, so no backup was kept:\n  ${problems.slice(0, 10).join('\n  ')}`,
      );
    }
    const counts = snapshotRepository.counts();
    return {
      ...counts,
      attachmentBytes: bytesOfEveryAttachment(snapshotRepository.attachedFiles(), backupUploadsDir),
      leftOutAsErased,
    };
  }

  /**
   * A row in the snapshot whose file is not in uploads is either about to be placed (its row
   * has just committed) or about to be erased (its file has just been set aside). Wait until it
   * is one or the other. A file that never comes is from a portal that stopped abruptly, and the
   * portal puts such files in place when it next starts.
   */
  private async waitForFilesOrErasure(
    notInPlace: readonly AttachedFile[],
    liveRepository: BackupRepository,
    backupUploadsDir: string,
  ): Promise<void> {
    let waiting = notInPlace;
    const attempts = Math.max(1, Math.ceil(this.timing.settleMs / this.timing.pollMs));
    for (let attempt = 0; waiting.length > 0; attempt += 1) {
      if (attempt > 0) await sleep(this.timing.pollMs);
      const stillWaiting: AttachedFile[] = [];
      for (const file of waiting) {
        const copied = await copyIfPresent(file, this.locations.uploadsDir, backupUploadsDir);
        if (!copied && liveRepository.hasSubmission(file.reference)) stillWaiting.push(file);
      }
      waiting = stillWaiting;
      if (waiting.length > 0 && attempt >= attempts) {
        const listed = waiting
          .slice(0, 10)
          .map((file) => `${file.reference}: ${AttachmentStore.relativePathOf(file.storedName)}`);
        throw new BackupError(
          `${waiting.length} attached file(s) are recorded but not in ${this.locations.uploadsDir}, so no backup was kept:\n  ${listed.join('\n  ')}\n` +
            'If the portal stopped abruptly, start it again (it puts such files in place as it starts), then back up again.',
        );
      }
    }
  }
}

/** Copies a file of the portal's uploads into the backup's; false when it is not in uploads (now). */
async function copyIfPresent(file: AttachedFile, fromUploadsDir: string, toUploadsDir: string): Promise<boolean> {
  const relativePath = AttachmentStore.relativePathOf(file.storedName);
  const destination = path.join(toUploadsDir, relativePath);
  await fs.promises.mkdir(path.dirname(destination), { recursive: true });
  try {
    // Placed files never change, so a plain copy is a consistent one.
    await fs.promises.copyFile(path.join(fromUploadsDir, relativePath), destination);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Erases from the copy, with the portal's own erasure, the submissions the portal deleted after the snapshot. */
function eraseFromSnapshot(
  snapshot: Db,
  references: readonly string[],
  {
    backupUploadsDir,
    scratchDir,
    locations,
  }: { backupUploadsDir: string; scratchDir: string; locations: BackupLocations },
  clock: Clock,
): void {
  const erasure = erasureOf(snapshot, {
    attachments: new AttachmentStore(backupUploadsDir, scratchDir),
    audit: new AuditLog(new AuditRepository(snapshot), clock),
    emails: consultationEmails(loadConsultation(locations.contentDir), locations.baseUrl),
    // A backup holds no email files: the portal removes its own.
    mailFiles: { transport: { removeCopies: () => undefined } },
    // The copy has no write-ahead log to rewrite; it is compacted afterwards instead.
    checkpoint: () => undefined,
  });
  try {
    for (const reference of references) erasure.erase(reference, backupActor);
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

function bytesOfEveryAttachment(files: readonly AttachedFile[], backupUploadsDir: string): number {
  let bytes = 0;
  for (const file of files) {
    const copyPath = path.join(backupUploadsDir, AttachmentStore.relativePathOf(file.storedName));
    if (!fs.existsSync(copyPath))
      throw new Error(`The backup lost the file of an attachment to ${file.reference} (${copyPath}) as it was made.`);
    bytes += fs.statSync(copyPath).size;
  }
  return bytes;
}
