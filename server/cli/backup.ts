import path from 'node:path';
import { createConfig } from '../config';
import { BackupService, type BackupSummary } from '../features/backup/backupService';
import { systemClock } from '../platform/time/clock';
import { runCommand } from './runCommand';

const usage = `Back up the portal's database and uploaded files, while it serves.

  npm run backup                      into DATA_DIR/backups/<time, e.g. 2026-11-23T10-15-00Z>
  npm run backup -- --to <folder>     into that folder, which must be new or empty

Restore with: npm run restore -- --from <folder>`;

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function summaryLine(summary: BackupSummary): string {
  const { submissions, attachments, attachmentBytes, takenAt, folder } = summary;
  return `Backed up ${submissions} submission(s) and ${attachments} attached file(s) (${megabytes(attachmentBytes)}) as at ${takenAt.toISOString()} to ${folder}`;
}

async function main(args: string[]): Promise<void> {
  const destinationIndex = args.indexOf('--to');
  const destinationArgument = destinationIndex === -1 ? undefined : args[destinationIndex + 1];
  const understood =
    destinationIndex === -1
      ? args.length === 0
      : args.length === 2 && destinationIndex === 0 && destinationArgument !== undefined;
  if (!understood) {
    console.log(usage);
    process.exitCode = args.includes('--help') ? 0 : 2;
    return;
  }
  const config = createConfig();
  const backups = new BackupService(config, systemClock);
  const summary = await backups.take(destinationArgument ? path.resolve(destinationArgument) : backups.defaultFolder());
  console.log(summaryLine(summary));
  if (summary.leftOutAsErased.length > 0) {
    console.log(
      `Left out ${summary.leftOutAsErased.length} submission(s) deleted from the portal while the backup was taken: ${summary.leftOutAsErased.join(', ')}`,
    );
  }
}

runCommand(main);
