import { ConfigError } from './config';
import { ContentError } from './consultation/loadConsultation';
import { isStorageFault } from './platform/db/storageFaults';
import { describeInOneLine } from './platform/logFailure';

/**
 * What to tell the operator when the portal or a command-line tool cannot go on for a reason
 * they can fix: a bad setting, a broken content file, or storage that cannot be written. Null
 * for anything else, which is a bug, shown with its stack.
 */
export function operatorProblem(error: unknown): string | null {
  if (error instanceof ConfigError || error instanceof ContentError) return error.message;
  if (isStorageFault(error)) {
    return `The portal's data cannot be stored: ${describeInOneLine(error)}. Check the disk and the folder of DATA_DIR (and DATABASE_PATH).`;
  }
  return null;
}
