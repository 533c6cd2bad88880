import type { Db } from '../../platform/db/database';
import type { AuditLog } from '../../platform/audit/auditLog';
import { MailCopies, type MailCopiesDependencies } from '../../mail/mailCopies';
import { OutboxRepository } from '../../mail/outboxRepository';
import type { ConsultationEmails } from '../../submissions/consultationEmails';
import type { AttachmentStore } from '../../submissions/reports/attachmentStore';
import { ReviewRepository } from '../../submissions/reviewRepository';
import { SubmissionRepository } from '../../submissions/submissionRepository';
import { DigestRedaction, DigestRepository } from '../digests';
import { ErasureService } from './erasureService';

export interface ErasureParts {
  readonly attachments: AttachmentStore;
  readonly audit: AuditLog;
  readonly emails: ConsultationEmails;
  /** What removes the email files of erased responses, and which are being sent now. */
  readonly mailFiles: Omit<MailCopiesDependencies, 'outbox'>;
  readonly checkpoint: () => void;
}

/**
 * The erasure of a database: the portal's own, and a backup's copy (which erases what the portal
 * deleted after the snapshot) are wired the same way, so that both erase the same everywhere.
 */
export function erasureOf(db: Db, { attachments, audit, emails, mailFiles, checkpoint }: ErasureParts): ErasureService {
  const outbox = new OutboxRepository(db);
  return new ErasureService({
    submissions: new SubmissionRepository(db),
    reviews: new ReviewRepository(db),
    attachments,
    audit,
    digests: new DigestRedaction(new DigestRepository(db), outbox, emails),
    outbox,
    mailCopies: new MailCopies({ ...mailFiles, outbox }),
    inTransaction: <T>(work: () => T): T => db.transaction(work)(),
    checkpoint,
  });
}
