import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A backup or restore that cannot go ahead, with what to do about it. */
export class BackupError extends Error {}

export const manifestFileName = 'backup.json';
export const backupUploadsFolder = 'uploads';
/** The database's name in a backup until it is complete. */
export const unfinishedSuffix = '.partial';

const manifestSchema = z.object({
  format: z.literal(1),
  /** When the database snapshot was taken: the backup holds the portal as it was then. */
  takenAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /** The database file, relative to the backup folder, as it is relative to DATA_DIR. */
  database: z.string().min(1),
  submissions: z.number().int().min(0),
  attachments: z.number().int().min(0),
  attachmentBytes: z.number().int().min(0),
  /** Submissions in the snapshot that were deleted from the portal before the backup finished, and so left out. */
  leftOutAsErased: z.number().int().min(0),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

export function isMissingOrEmpty(folder: string): boolean {
  return !fs.existsSync(folder) || (fs.statSync(folder).isDirectory() && fs.readdirSync(folder).length === 0);
}

export function writeManifest(backupFolder: string, manifest: BackupManifest): void {
  fs.writeFileSync(path.join(backupFolder, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest of a finished backup; a backup that never finished, or is not one, is refused. */
export function readFinishedBackup(backupFolder: string): BackupManifest {
  const manifestPath = path.join(backupFolder, manifestFileName);
  if (!fs.existsSync(manifestPath)) {
    throw new BackupError(
      `${backupFolder} is not a finished backup: it has no ${manifestFileName}. Choose a folder that \`npm run backup\` completed.`,
    );
  }
  const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
  if (!parsed.success)
    throw new BackupError(`${manifestPath} is not a backup manifest this portal can read: ${parsed.error.message}`);
  const manifest = parsed.data;
  if (!fs.existsSync(path.join(backupFolder, manifest.database))) {
    throw new BackupError(
      `${backupFolder} is a backup that did not finish (there is no ${manifest.database}). Take another backup.`,
    );
  }
  return manifest;
}
