import type { Config } from './config';
import type { Consultation } from './consultation/consultation';
import type { LocalisedConsultation } from './consultation/loadConsultation';
import { AuditRepository } from './platform/audit/auditRepository';
import { DigestRepository } from './features/digests/digestRepository';
import { OutboxRepository } from './mail/outboxRepository';
import { messageIdMaker } from './mail/messageIds';
import { consultationEmails } from './submissions/consultationEmails';
import { receiptMessage } from './submissions/receiptMessage';
import { fileTransport, smtpTransport, type MailTransport } from './mail/transport';
import type { Db } from './platform/db/database';
import { OfficerRepository } from './features/accounts/officerRepository';
import { ReviewRepository } from './submissions/reviewRepository';
import { SqliteSessionStore } from './features/accounts/sessionStore';
import { StatisticsRepository } from './submissions/statisticsRepository';
import { SubmissionQueries } from './submissions/submissionQueries';
import { SubmissionRepository } from './submissions/submissionRepository';
import { AttachmentStore } from './submissions/reports/attachmentStore';
import { AuditLog } from './platform/audit/auditLog';
import type { Clock } from './platform/time/clock';
import { ConsultationWindow } from './consultation/consultationWindow';
import { DashboardService } from './features/dashboard/dashboardService';
import { DigestRedaction } from './features/digests/digestRedaction';
import { DigestService } from './features/digests/digestService';
import { ErasureService } from './features/workspace/erasureService';
import { MailDelivery, defaultDeliveryPolicy, type DeliveryPolicy } from './mail/mailDelivery';
import { MailCopies } from './mail/mailCopies';
import { MailWorker } from './mail/mailWorker';
import { ExportService } from './features/exports/exportService';
import { FreeSpace } from './platform/files/freeSpace';
import { FormOpenedStamps } from './features/respond/formOpenedStamps';
import { HeldUploads } from './submissions/reports/heldUploads';
import { OfficerService } from './features/accounts/officerService';
import { PasswordHasher, owaspScryptCost, type ScryptCost } from './features/accounts/passwords';
import { ReviewService } from './features/workspace/reviewService';
import { GroupCommit } from './platform/db/groupCommit';
import { WalCheckpointer, type CheckpointRetries } from './platform/db/walCheckpointer';
import { SubmissionService } from './submissions/submissionService';
import { UploadService } from './submissions/reports/uploadService';

/** Officers stay signed in for this long without using the workspace. */
export const officerIdleLifetimeMs = 8 * 60 * 60 * 1000;

export interface Services {
  readonly config: Config;
  readonly clock: Clock;
  /** The consultation in English: its structure, dates and slugs, the same in both languages. */
  readonly consultation: Consultation;
  /** The consultation's words in each language of the interface. */
  readonly consultations: LocalisedConsultation;
  readonly window: ConsultationWindow;
  readonly formOpenedStamps: FormOpenedStamps;
  readonly attachments: AttachmentStore;
  readonly heldUploads: HeldUploads;
  readonly freeSpace: FreeSpace;
  readonly uploads: UploadService;
  readonly submissions: SubmissionService;
  readonly audit: AuditLog;
  readonly officers: OfficerService;
  readonly sessions: SqliteSessionStore;
  readonly queries: SubmissionQueries;
  readonly reviews: ReviewService;
  readonly dashboard: DashboardService;
  readonly exports: ExportService;
  readonly erasure: ErasureService;
  readonly outbox: OutboxRepository;
  readonly digests: DigestService;
  readonly delivery: MailDelivery;
  readonly mailWorker: MailWorker;
  readonly mailCopies: MailCopies;
  readonly checkpointer: WalCheckpointer;
  readonly transport: MailTransport;
}

export interface ServiceOptions {
  readonly passwordCost?: ScryptCost;
  /** Where email goes; by default SMTP_URL's server, or .eml files in the outbox folder. */
  readonly transport?: MailTransport;
  readonly deliveryPolicy?: DeliveryPolicy;
  readonly checkpointRetries?: CheckpointRetries;
}

export function createServices(
  config: Config,
  db: Db,
  consultations: LocalisedConsultation,
  clock: Clock,
  options: ServiceOptions = {},
): Services {
  const consultation = consultations.en;
  const window = new ConsultationWindow(consultation, clock, config.opensAtOverride, config.closesAtOverride, config.lateResponseGraceMs);
  const attachments = new AttachmentStore(config.uploadsDir, config.tempDir);
  const heldUploads = new HeldUploads(attachments.heldDir, clock, config.uploads.heldMaxBytes);
  const submissionRepository = new SubmissionRepository(db);
  const audit = new AuditLog(new AuditRepository(db), clock);
  const inTransaction = <T>(work: () => T): T => db.transaction(work)();
  const groupCommit = new GroupCommit(db);
  const queries = new SubmissionQueries(db, consultation.slug);
  const reviewRepository = new ReviewRepository(db);
  const officerRepository = new OfficerRepository(db);
  const sessions = new SqliteSessionStore(db, officerIdleLifetimeMs, () => clock.now().getTime());
  const statistics = new StatisticsRepository(db);
  const outbox = new OutboxRepository(db);
  const emails = consultationEmails(consultations, config.baseUrl);
  const newMessageId = messageIdMaker(config.baseUrl);
  const transport = options.transport ?? (config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl) : fileTransport(config.mail.outboxDir));
  const writeReceipt = (submissionId: number) => {
    const submission = submissionRepository.findById(submissionId);
    return submission ? receiptMessage(emails, submission) : null;
  };
  const sender = { from: config.mail.from, replyTo: config.mail.replyTo ?? consultation.howToRespond.email };
  const delivery = new MailDelivery(outbox, transport, writeReceipt, sender, clock, options.deliveryPolicy ?? defaultDeliveryPolicy);
  const digestRepository = new DigestRepository(db);
  const mailCopies = new MailCopies(outbox, transport, (messageId) => delivery.isSending(messageId));
  const checkpointer = new WalCheckpointer(db, options.checkpointRetries);
  const digests = new DigestService({
    consultation,
    window,
    digests: digestRepository,
    outbox,
    statistics,
    officers: officerRepository,
    emails,
    newMessageId,
    settings: config.digests,
    clock,
    audit,
    inTransaction,
  });
  return {
    config,
    clock,
    consultation,
    consultations,
    window,
    formOpenedStamps: new FormOpenedStamps(config.cookieSecret),
    attachments,
    heldUploads,
    freeSpace: new FreeSpace(attachments.incomingDir, config.uploads.freeSpaceReserveBytes),
    uploads: new UploadService(heldUploads, consultation.howToRespond.email),
    submissions: new SubmissionService(consultation, window, submissionRepository, attachments, clock, audit, (work) => groupCommit.run(work), outbox, newMessageId),
    audit,
    officers: new OfficerService(officerRepository, new PasswordHasher(options.passwordCost ?? owaspScryptCost), audit, clock, (officerId) =>
      sessions.endSessionsOf(officerId),
    ),
    sessions,
    queries,
    reviews: new ReviewService(submissionRepository, reviewRepository, audit, clock, inTransaction),
    dashboard: new DashboardService(consultation, statistics, () => window.status(), clock),
    exports: new ExportService(consultation, queries, submissionRepository, reviewRepository, attachments, audit),
    erasure: new ErasureService({
      submissions: submissionRepository,
      reviews: reviewRepository,
      attachments,
      audit,
      digests: new DigestRedaction(digestRepository, outbox, emails),
      outbox,
      mailCopies,
      inTransaction,
      checkpoint: () => checkpointer.checkpoint(),
    }),
    outbox,
    digests,
    delivery,
    mailWorker: new MailWorker(digests, delivery, mailCopies, config.mail.pollMs),
    mailCopies,
    checkpointer,
    transport,
  };
}
