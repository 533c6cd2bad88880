import path from 'node:path';
import { createConfig } from '../config';
import { restoreBackup } from '../features/backup/backupRestorer';
import { runCommand } from './runCommand';

const usage = `Restore a backup made by npm run backup into an empty DATA_DIR. Stop the portal first.

  npm run restore -- --from <backup folder>`;

async function main(args: string[]): Promise<void> {
  const [option, backupFolder] = args;
  if (option !== '--from' || !backupFolder || args.length !== 2) {
    console.log(usage);
    process.exitCode = args.includes('--help') ? 0 : 2;
    return;
  }
  const config = createConfig();
  const manifest = restoreBackup(path.resolve(backupFolder), config);
  console.log(
    `Restored ${manifest.submissions} submission(s) and ${manifest.attachments} attached file(s), as at ${manifest.takenAt}, into ${config.dataDir}. Start the portal.`,
  );
}

runCommand(main);
