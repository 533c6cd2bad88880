/**
 * Polls `condition` until it holds. After `timeoutMs` it fails, saying what it waited for and
 * adding `details()`, such as what a server process printed.
 */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  { timeoutMs = 5_000, details = () => '' }: { timeoutMs?: number; details?: () => string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${timeoutMs} ms.\n${details()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
