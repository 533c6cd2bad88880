import { logFailure } from '../logFailure';

/**
 * Runs `work` every `intervalMs` (without keeping the process alive for it). A run that throws
 * ends alone: its error is reported with `what` it was doing, and the next run goes ahead.
 */
export function runEvery(
  intervalMs: number,
  what: string,
  work: () => unknown,
  reportFailure: (what: string, error: unknown) => void = logFailure,
): NodeJS.Timeout {
  return setInterval(() => {
    try {
      work();
    } catch (error) {
      reportFailure(what, error);
    }
  }, intervalMs).unref();
}
