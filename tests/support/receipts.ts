import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { TestPortal } from './testPortal';

/**
 * A response's receipt as the file outbox wrote it, once everything queued so far has gone: a
 * receipt is written when it is sent, so this is the only place to read it.
 */
export async function deliveredReceipt(portal: TestPortal, submissionId: number): Promise<ParsedMail> {
  const messageId = portal.db
    .prepare("SELECT message_id FROM outbox WHERE kind = 'receipt' AND submission_id = ?")
    .pluck()
    .get(submissionId) as string;
  while ((await portal.services.delivery.deliverDue()) > 0);
  const outboxDir = path.join(portal.dataDir, 'outbox');
  const fileName = fs.readdirSync(outboxDir).find((name) => name.includes(messageId.replace(/[^A-Za-z0-9-]/g, '')));
  return simpleParser(fs.readFileSync(path.join(outboxDir, fileName!)));
}
