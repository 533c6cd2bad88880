import { randomUUID } from 'node:crypto';

/**
 * Makes Message-IDs in the portal's own domain. An ID is fixed when a message is queued, so that a
 * copy sent twice is recognised as one.
 */
export function messageIdMaker(baseUrl: string): () => string {
  const domain = new URL(baseUrl).hostname || 'localhost';
  return () => `<${randomUUID()}@${domain}>`;
}
