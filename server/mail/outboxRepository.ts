import type { Statement } from 'better-sqlite3';
import type { Language } from '../platform/vocabulary';
import type { BuiltMessage } from './builtMessage';
import type { Db } from '../platform/db/database';

interface Addressed {
  readonly messageId: string;
  readonly recipient: string;
}

/**
 * A message waiting to be sent. A receipt is written from its stored response when it is sent,
 * so only whose it is is queued; a digest describes the moment it was made, so its words are.
 */
export type QueuedMessage =
  | (Addressed & { readonly kind: 'receipt'; readonly submissionId: number })
  | (Addressed & {
      readonly kind: 'digest';
      readonly digestId: number;
      readonly language: Language;
      readonly message: BuiltMessage;
    })
  | (Addressed & {
      readonly kind: 'draft-link';
      readonly draftId: number;
      readonly language: Language;
      /** The link's secret, sealed with the server's key: the database alone never yields the link. */
      readonly sealedToken: string;
    });

export type OutboxRow = QueuedMessage & {
  readonly id: number;
  readonly status: 'pending' | 'sending' | 'sent' | 'failed';
  readonly attempts: number;
};

interface OutboxColumns {
  readonly id: number;
  readonly messageId: string;
  readonly kind: QueuedMessage['kind'];
  readonly submissionId: number | null;
  readonly digestId: number | null;
  readonly draftId: number | null;
  readonly sealedToken: string | null;
  readonly language: Language | null;
  readonly recipient: string;
  readonly subject: string | null;
  readonly textBody: string | null;
  readonly htmlBody: string | null;
  readonly status: OutboxRow['status'];
  readonly attempts: number;
}

function toOutboxRow({
  id,
  messageId,
  kind,
  submissionId,
  digestId,
  draftId,
  sealedToken,
  language,
  recipient,
  subject,
  textBody,
  htmlBody,
  status,
  attempts,
}: OutboxColumns): OutboxRow {
  const claimed = { id, messageId, recipient, status, attempts };
  // The table's CHECK guarantees a receipt its response, and the portal gives a digest its words and their language.
  if (kind === 'receipt') return { ...claimed, kind, submissionId: submissionId! };
  // A link whose secret was wiped after sending is never claimed again, so an empty one only fails.
  if (kind === 'draft-link')
    return { ...claimed, kind, draftId: draftId!, language: language!, sealedToken: sealedToken ?? '' };
  return {
    ...claimed,
    kind,
    digestId: digestId!,
    language: language!,
    message: { subject: subject!, text: textBody!, html: htmlBody! },
  };
}

export interface UndeliverableReceipt {
  readonly reference: string;
  readonly recipient: string;
  readonly lastError: string | null;
}

/** A message that may be claimed now: waiting and due, or claimed by a worker whose lease ran out. */
const claimable =
  "(status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND lease_expires_at <= @now)";

const rowColumns = `id, message_id AS messageId, kind, submission_id AS submissionId, digest_id AS digestId,
  draft_id AS draftId, sealed_token AS sealedToken, language, recipient, subject,
  text_body AS textBody, html_body AS htmlBody, status, attempts`;

/** The durable outbox. A message is claimed by one worker at a time, under a lease that runs out if that worker dies. */
export class OutboxRepository {
  private readonly insertMessage: Statement;
  private readonly selectAnyClaimable: Statement<[{ now: string }], number>;
  private readonly claimNext: Statement<[{ now: string; leaseUntil: string }], OutboxColumns>;
  private readonly markSentStatement: Statement<[{ id: number; now: string }]>;
  private readonly markRetryStatement: Statement<[{ id: number; error: string; nextAttemptAt: string }]>;
  private readonly markFailedStatement: Statement<[{ id: number; error: string }]>;
  private readonly releaseClaimsStatement: Statement<[]>;
  private readonly selectUndeliverableReceipts: Statement<[], UndeliverableReceipt>;
  private readonly rewriteDigestStatement: Statement<
    [{ digestId: number; language: Language; subject: string; text: string; html: string }],
    string
  >;
  private readonly selectDigestLanguages: Statement<[number], Language>;
  private readonly selectReceiptIds: Statement<[number], string>;
  private readonly insertCopyToRemove: Statement<[string]>;
  private readonly selectCopiesToRemove: Statement<[], string>;
  private readonly deleteCopyToRemove: Statement<[string]>;

  constructor(db: Db) {
    this.insertMessage = db.prepare(`
      INSERT INTO outbox (message_id, kind, submission_id, digest_id, draft_id, sealed_token, language, recipient, subject, text_body, html_body, next_attempt_at, created_at)
      VALUES (@messageId, @kind, @submissionId, @digestId, @draftId, @sealedToken, @language, @recipient, @subject, @textBody, @htmlBody, @now, @now)`);
    this.selectAnyClaimable = db.prepare(`SELECT 1 FROM outbox WHERE ${claimable} LIMIT 1`).pluck() as Statement<
      [{ now: string }],
      number
    >;
    // One statement, so the claim is atomic even between two processes on the same database.
    this.claimNext = db.prepare(`
      UPDATE outbox SET status = 'sending', lease_expires_at = @leaseUntil, attempts = attempts + 1
      WHERE id = (SELECT id FROM outbox WHERE ${claimable} ORDER BY next_attempt_at, id LIMIT 1)
      RETURNING ${rowColumns}`);
    this.markSentStatement = db.prepare(
      "UPDATE outbox SET status = 'sent', sent_at = @now, lease_expires_at = NULL, last_error = NULL, sealed_token = NULL WHERE id = @id",
    );
    this.markRetryStatement = db.prepare(
      "UPDATE outbox SET status = 'pending', next_attempt_at = @nextAttemptAt, lease_expires_at = NULL, last_error = @error WHERE id = @id",
    );
    this.markFailedStatement = db.prepare(
      "UPDATE outbox SET status = 'failed', lease_expires_at = NULL, last_error = @error, sealed_token = NULL WHERE id = @id",
    );
    this.releaseClaimsStatement = db.prepare(
      "UPDATE outbox SET status = 'pending', lease_expires_at = NULL WHERE status = 'sending'",
    );
    this.selectUndeliverableReceipts = db.prepare(`
      SELECT s.reference, o.recipient, o.last_error AS lastError FROM outbox o JOIN submissions s ON s.id = o.submission_id
      WHERE o.kind = 'receipt' AND o.status = 'failed' ORDER BY o.id DESC`);
    this.rewriteDigestStatement = db
      .prepare(
        `UPDATE outbox SET subject = @subject, text_body = @text, html_body = @html
        WHERE digest_id = @digestId AND language = @language RETURNING message_id`,
      )
      .pluck() as Statement<
      [{ digestId: number; language: Language; subject: string; text: string; html: string }],
      string
    >;
    this.selectDigestLanguages = db
      .prepare('SELECT DISTINCT language FROM outbox WHERE digest_id = ? ORDER BY language')
      .pluck() as Statement<[number], Language>;
    this.selectReceiptIds = db
      .prepare("SELECT message_id FROM outbox WHERE submission_id = ? AND kind = 'receipt'")
      .pluck() as Statement<[number], string>;
    this.insertCopyToRemove = db.prepare(
      'INSERT INTO mail_copies_to_remove (message_id) VALUES (?) ON CONFLICT DO NOTHING',
    );
    this.selectCopiesToRemove = db.prepare('SELECT message_id FROM mail_copies_to_remove').pluck() as Statement<
      [],
      string
    >;
    this.deleteCopyToRemove = db.prepare('DELETE FROM mail_copies_to_remove WHERE message_id = ?');
  }

  enqueue(queued: QueuedMessage, now: Date): void {
    const { messageId, recipient, kind } = queued;
    const message = queued.kind === 'digest' ? queued.message : null;
    this.insertMessage.run({
      messageId,
      recipient,
      kind,
      submissionId: queued.kind === 'receipt' ? queued.submissionId : null,
      digestId: queued.kind === 'digest' ? queued.digestId : null,
      draftId: queued.kind === 'draft-link' ? queued.draftId : null,
      sealedToken: queued.kind === 'draft-link' ? queued.sealedToken : null,
      language: queued.kind === 'receipt' ? null : queued.language,
      subject: message?.subject ?? null,
      textBody: message?.text ?? null,
      htmlBody: message?.html ?? null,
      now: now.toISOString(),
    });
  }

  /** Takes the next message that is due, or whose last worker's lease ran out; null if none. */
  claimNextDue(now: Date, leaseMs: number): OutboxRow | null {
    // A read first: an UPDATE takes the write lock even when it changes nothing, and the worker
    // asks every few seconds, mostly to find nothing due.
    if (this.selectAnyClaimable.get({ now: now.toISOString() }) === undefined) return null;
    const claimed = this.claimNext.get({
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    });
    return claimed ? toOutboxRow(claimed) : null;
  }

  markSent(id: number, now: Date): void {
    this.markSentStatement.run({ id, now: now.toISOString() });
  }

  markRetry(id: number, error: string, nextAttemptAt: Date): void {
    this.markRetryStatement.run({ id, error, nextAttemptAt: nextAttemptAt.toISOString() });
  }

  markFailed(id: number, error: string): void {
    this.markFailedStatement.run({ id, error });
  }

  /**
   * Makes every claimed message due again at once, rather than when its lease runs out. Only for
   * the server's start, when no other worker can be sending: the claims are the last run's, cut off
   * mid-delivery. Returns how many there were.
   */
  releaseClaims(): number {
    return this.releaseClaimsStatement.run().changes;
  }

  /** The languages a digest's copies are written in. */
  digestLanguages(digestId: number): Language[] {
    return this.selectDigestLanguages.all(digestId);
  }

  /** Puts a digest's new words in every copy in their language, queued or sent; returns those copies' message ids. */
  rewriteDigest(digestId: number, language: Language, message: BuiltMessage): string[] {
    return this.rewriteDigestStatement.all({ digestId, language, ...message });
  }

  receiptMessageIdsOf(submissionId: number): string[] {
    return this.selectReceiptIds.all(submissionId);
  }

  /** Records, in the caller's transaction, that the copies of these messages kept as files are to be removed. */
  noteCopiesToRemove(messageIds: readonly string[]): void {
    for (const messageId of messageIds) this.insertCopyToRemove.run(messageId);
  }

  copiesToRemove(): string[] {
    return this.selectCopiesToRemove.all();
  }

  copiesRemoved(messageId: string): void {
    this.deleteCopyToRemove.run(messageId);
  }

  undeliverableReceipts(): UndeliverableReceipt[] {
    return this.selectUndeliverableReceipts.all();
  }
}
