import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ParsedMail } from 'mailparser';
import { AttachmentStore } from '../../server/submissions/reports/attachmentStore';
import type { ResponseToSend } from './portalClient';
import type { Attachment } from './respond';
import { expectedSubmission, type ExpectedSubmission } from './sampleResponses';
import { filesUnder } from './testPortal';

/** Responses a test sent, by form token, and the references of those the portal acknowledged. */
export interface SentResponses {
  readonly sent: ReadonlyMap<string, ResponseToSend>;
  readonly acknowledged: ReadonlyMap<string, string>;
}

interface StoredRow extends Omit<ExpectedSubmission, 'answers'> {
  readonly id: number;
  readonly reference: string;
  readonly formToken: string | null;
}

interface AttachmentRow {
  readonly storedName: string;
  readonly originalName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Opens a portal's database read-only: safe while the server runs, as WAL lets a reader in beside it. */
export function openReadOnly(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, 'portal.db'), { readonly: true, fileMustExist: true });
}

/** The fields whose stored value differs from the one sent, as "name: stored …, sent …". */
function differences<Row extends object>(stored: Row, sent: Partial<Row>): string[] {
  return (Object.keys(sent) as (keyof Row)[])
    .filter((field) => stored[field] !== sent[field])
    .map((field) => `${String(field)}: stored ${JSON.stringify(stored[field])}, sent ${JSON.stringify(sent[field])}`);
}

/** Reads back what a portal stored, to compare with what a test sent. */
class StoreReader {
  private readonly answersOf;
  private readonly attachmentsOf;
  private readonly receiptsOf;

  constructor(
    private readonly db: Database.Database,
    private readonly uploadsDir: string,
  ) {
    this.answersOf = db.prepare<[number], ExpectedSubmission['answers'][number]>(
      'SELECT paper, section, body FROM answers WHERE submission_id = ? ORDER BY id',
    );
    this.attachmentsOf = db.prepare<[number], AttachmentRow>(
      `SELECT stored_name AS storedName, original_name AS originalName, media_type AS mediaType, size_bytes AS sizeBytes
       FROM attachments WHERE submission_id = ? ORDER BY position`,
    );
    this.receiptsOf = db
      .prepare<[number], number>("SELECT count(*) FROM outbox WHERE kind = 'receipt' AND submission_id = ?")
      .pluck();
  }

  integrity(): string[] {
    const verdict = String(this.db.pragma('integrity_check', { simple: true }));
    return verdict === 'ok' ? [] : [`integrity_check says: ${verdict}`];
  }

  rows(): StoredRow[] {
    return this.db
      .prepare<[], StoredRow>(
        `SELECT id, reference, form_token AS formToken, respondent_type AS respondentType, name, email, body_name AS bodyName,
           role_in_body AS roleInBody, constituency, anything_else AS anythingElse, consent_quote AS consentQuote FROM submissions`,
      )
      .all();
  }

  /** How a stored response differs from the one sent: its fields, answers, reports and receipts. */
  differencesFrom(row: StoredRow, response: ResponseToSend): string[] {
    const { answers, ...fields } = expectedSubmission(response);
    const storedAnswers = this.answersOf.all(row.id);
    const answerDifferences =
      storedAnswers.length === answers.length
        ? answers.flatMap((answer, index) => differences(storedAnswers[index]!, answer))
        : [`${storedAnswers.length} answers stored, ${answers.length} sent`];
    const receipts = this.receiptsOf.get(row.id);
    return [
      ...differences(row, fields),
      ...answerDifferences,
      ...this.attachmentDifferences(this.attachmentsOf.all(row.id), response.reports),
      ...(receipts === 1 ? [] : [`${receipts} receipts in the outbox`]),
    ].map((difference) => `${row.reference}: ${difference}`);
  }

  /** Files in the uploads folder that no attachment row names. */
  orphanFiles(): string[] {
    const recorded = new Set(
      this.db
        .prepare<[], string>('SELECT stored_name FROM attachments')
        .pluck()
        .all()
        .map((storedName) => AttachmentStore.relativePathOf(storedName)),
    );
    return filesUnder(this.uploadsDir)
      .filter((file) => !recorded.has(file))
      .map((file) => `uploads/${file} belongs to no attachment`);
  }

  private attachmentDifferences(stored: readonly AttachmentRow[], reports: readonly Attachment[]): string[] {
    if (stored.length !== reports.length) return [`${stored.length} attachments stored, ${reports.length} sent`];
    return stored.flatMap((attachment, index) => {
      const report = reports[index]!;
      const file = path.join(this.uploadsDir, AttachmentStore.relativePathOf(attachment.storedName));
      if (!fs.existsSync(file)) return [`the file of ${attachment.originalName} is missing`];
      const onDisk = fs.readFileSync(file);
      return [
        ...differences(attachment, {
          originalName: report.name,
          mediaType: 'application/pdf',
          sizeBytes: report.content.length,
        }),
        ...(sha256(onDisk) === sha256(report.content)
          ? []
          : [`${attachment.originalName} on disk is not what was sent`]),
      ];
    });
  }
}

/**
 * Everything wrong with what a portal stored, as sentences for a failure message: a database
 * that fails its integrity check, an acknowledged response that is missing, a stored response
 * that differs from what was sent (its fields, its answers, its reports' names, sizes and
 * bytes) or has not exactly one receipt in the outbox, an attachment row without its file, and
 * a file without its row.
 */
export function problemsWithStore(dataDir: string, { sent, acknowledged }: SentResponses): string[] {
  const db = openReadOnly(dataDir);
  try {
    const store = new StoreReader(db, path.join(dataDir, 'uploads'));
    const rows = store.rows();
    const rowsByToken = new Map(rows.map((row) => [row.formToken, row]));
    const missing = [...acknowledged]
      .filter(([formToken, reference]) => rowsByToken.get(formToken)?.reference !== reference)
      .map(([, reference]) => `acknowledged response ${reference} is not stored under that reference`);
    const different = rows.flatMap((row) => {
      const response = row.formToken === null ? undefined : sent.get(row.formToken);
      return response ? store.differencesFrom(row, response) : [`${row.reference} is stored but was never sent`];
    });
    return [...store.integrity(), ...missing, ...different, ...store.orphanFiles()];
  } finally {
    db.close();
  }
}

/** How many times each Message-ID arrived at a test's SMTP server. */
export function deliveriesById(received: readonly ParsedMail[]): Map<string, number> {
  const deliveries = new Map<string, number>();
  for (const { messageId = '(none)' } of received) deliveries.set(messageId, (deliveries.get(messageId) ?? 0) + 1);
  return deliveries;
}

export interface DeliveryExpectations {
  /** Whether every acknowledged response's receipt must have arrived by now. */
  readonly everyReceipt: boolean;
  /**
   * The Message-ID of the email a killed process was sending. The mail server may have taken it
   * in the moment before the kill, with the process never hearing so (the window RFC 1047
   * describes, which no sender can close), so it may arrive once more, under the same Message-ID.
   */
  readonly cutOff?: string;
}

/**
 * Everything wrong with the email a test's SMTP server received: a message that arrived more
 * than once (the cut-off one more than twice), a message that is not in the outbox, a message
 * the outbox has not recorded as sent, and, when `everyReceipt` is set, an acknowledged
 * response whose receipt did not arrive.
 */
export function problemsWithDeliveries(
  dataDir: string,
  { acknowledged }: SentResponses,
  received: readonly ParsedMail[],
  { everyReceipt, cutOff }: DeliveryExpectations,
): string[] {
  const db = openReadOnly(dataDir);
  try {
    const outbox = db
      .prepare<[], { messageId: string; status: string; formToken: string | null }>(
        'SELECT o.message_id AS messageId, o.status, s.form_token AS formToken FROM outbox o LEFT JOIN submissions s ON s.id = o.submission_id',
      )
      .all();
    const deliveries = deliveriesById(received);
    const queued = new Set(outbox.map((message) => message.messageId));
    const problems: string[] = [];
    for (const [messageId, count] of deliveries) {
      if (!queued.has(messageId)) problems.push(`${messageId} was delivered but is not in the outbox`);
      if (count > (messageId === cutOff ? 2 : 1)) problems.push(`${messageId} was delivered ${count} times`);
    }
    for (const message of outbox) {
      const delivered = deliveries.get(message.messageId) ?? 0;
      const reference = message.formToken === null ? undefined : acknowledged.get(message.formToken);
      if (everyReceipt && reference !== undefined && delivered === 0)
        problems.push(`the receipt for ${reference} was never delivered (${message.status})`);
      if (delivered > 0 && message.status !== 'sent')
        problems.push(`${message.messageId} was delivered but the outbox has it as ${message.status}`);
    }
    return problems;
  } finally {
    db.close();
  }
}
