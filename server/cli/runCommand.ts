import { ConfigError } from '../config';
import { ContentError } from '../content/loadConsultation';
import { BackupError } from '../services/backupFolder';
import { AccountError } from '../services/officerService';

/**
 * Runs a command-line tool. A mistake the operator can fix (a bad setting, a broken content file,
 * an account problem, a backup that cannot go ahead) is printed as a plain message with exit code
 * 1; anything else is a crash.
 */
export function runCommand(main: (args: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof ContentError || error instanceof AccountError || error instanceof BackupError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  });
}
