import { keepFilesPrivate } from '../platform/db/dataStore';
import { operatorProblem } from '../operatorProblem';
import { BackupError } from '../features/backup/backupFolder';
import { AccountError } from '../features/accounts/officerService';

/**
 * Runs a command-line tool, creating files for the portal's user alone. A mistake the operator
 * can fix (a bad setting or data folder, a broken content file, storage that cannot be written,
 * an account problem, a backup that cannot go ahead) is printed as a plain message with exit
 * code 1; anything else is a crash.
 */
export function runCommand(main: (args: string[]) => Promise<void>): void {
  keepFilesPrivate();
  main(process.argv.slice(2)).catch((error: unknown) => {
    const problem =
      error instanceof AccountError || error instanceof BackupError ? error.message : operatorProblem(error);
    if (problem === null) throw error;
    console.error(problem);
    process.exitCode = 1;
  });
}
