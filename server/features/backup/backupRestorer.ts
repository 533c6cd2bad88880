import fs from 'node:fs';
import path from 'node:path';
import { BackupRepository, openDatabaseToRead } from './backupRepository';
import { AttachmentStore } from '../../submissions/reports/attachmentStore';
import {
  BackupError,
  backupUploadsFolder,
  isMissingOrEmpty,
  manifestFileName,
  readFinishedBackup,
  unfinishedSuffix,
  type BackupManifest,
} from './backupFolder';
import type { BackupLocations } from './backupService';

/**
 * Puts a finished backup into an empty data folder: the uploads first, then the database under
 * a temporary name, checked, and renamed last. Never over existing data.
 */
export function restoreBackup(backupFolder: string, target: BackupLocations): BackupManifest {
  const manifest = readFinishedBackup(backupFolder);
  if (!isMissingOrEmpty(target.dataDir)) {
    throw new BackupError(
      `${target.dataDir} is not empty. A backup is restored only into an empty data folder: stop the portal, move that folder aside (or set DATA_DIR to a new one), and restore again.`,
    );
  }
  if (fs.existsSync(target.databasePath)) {
    throw new BackupError(
      `There is already a database at ${target.databasePath}. Move it aside (or set DATABASE_PATH elsewhere), and restore again.`,
    );
  }
  const unfinishedPath = `${target.databasePath}${unfinishedSuffix}`;
  try {
    const backupUploadsDir = path.join(backupFolder, backupUploadsFolder);
    if (fs.existsSync(backupUploadsDir))
      fs.cpSync(backupUploadsDir, target.uploadsDir, { recursive: true, errorOnExist: true, force: false });
    else fs.mkdirSync(target.uploadsDir, { recursive: true });
    fs.mkdirSync(path.dirname(unfinishedPath), { recursive: true });
    fs.copyFileSync(path.join(backupFolder, manifest.database), unfinishedPath, fs.constants.COPYFILE_EXCL);
    checkAgainstManifest(unfinishedPath, target.uploadsDir, manifest);
    fs.renameSync(unfinishedPath, target.databasePath);
    return manifest;
  } catch (error) {
    fs.rmSync(target.uploadsDir, { recursive: true, force: true });
    fs.rmSync(unfinishedPath, { force: true });
    throw error;
  }
}

function checkAgainstManifest(databasePath: string, uploadsDir: string, manifest: BackupManifest): void {
  const db = openDatabaseToRead(databasePath);
  try {
    const repository = new BackupRepository(db);
    const problems = repository.integrityProblems();
    if (problems.length > 0)
      throw new BackupError(
        `The backup's database failed SQLite's integrity check:\n  ${problems.slice(0, 10).join('\n  ')}`,
      );
    const counts = repository.counts();
    if (counts.submissions !== manifest.submissions || counts.attachments !== manifest.attachments) {
      throw new BackupError(
        `The backup's database holds ${counts.submissions} submissions and ${counts.attachments} attachments, but its ${manifestFileName} says ` +
          `${manifest.submissions} and ${manifest.attachments}. It has been changed since it was taken; use another backup.`,
      );
    }
    const missing = repository
      .attachedFiles()
      .filter((file) => !fs.existsSync(path.join(uploadsDir, AttachmentStore.relativePathOf(file.storedName))));
    if (missing.length > 0) {
      throw new BackupError(
        `The backup lacks the files of ${missing.length} attachment(s), e.g. to ${missing[0]!.reference}. Use another backup.`,
      );
    }
  } finally {
    db.close();
  }
}
