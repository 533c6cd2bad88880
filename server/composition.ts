import path from 'node:path';
import { projectRoot, type Config } from './config';
import { loadConsultation, type LocalisedConsultation } from './consultation/loadConsultation';
import { ConsultationWindow } from './consultation/consultationWindow';
import { AuditRepository } from './platform/audit/auditRepository';
import { AuditLog } from './platform/audit/auditLog';
import type { Db } from './platform/db/database';
import { openDataStore } from './platform/db/dataStore';
import { GroupCommit } from './platform/db/groupCommit';
import { migrate } from './platform/db/migrate';
import { WalCheckpointer, type CheckpointRetries } from './platform/db/walCheckpointer';
import { FreeSpace } from './platform/files/freeSpace';
import { ServerSettingsRepository } from './platform/settings/serverSettingsRepository';
import { adoptServerSettings, settleServerSettings } from './platform/settings/serverSettings';
import type { Clock } from './platform/time/clock';
import { OutboxRepository } from './mail/outboxRepository';
import { messageIdMaker } from './mail/messageIds';
import { consultationEmails } from './submissions/consultationEmails';
import { receiptMessage } from './submissions/receiptMessage';
import { fileTransport, smtpTransport, type MailTransport } from './mail/transport';
import { MailDelivery, defaultDeliveryPolicy, type DeliveryPolicy } from './mail/mailDelivery';
import { MailCopies } from './mail/mailCopies';
import { MailWorker } from './mail/mailWorker';
import { ReviewRepository } from './submissions/reviewRepository';
import { StatisticsRepository } from './submissions/statisticsRepository';
import { SubmissionListRepository } from './submissions/submissionListRepository';
import { SubmissionRepository } from './submissions/submissionRepository';
import { SubmissionService } from './submissions/submissionService';
import { AttachmentStore } from './submissions/reports/attachmentStore';
import { HeldUploads } from './submissions/reports/heldUploads';
import { UploadService } from './submissions/reports/uploadService';
import { OfficerRepository } from './features/accounts/officerRepository';
import { OfficerService } from './features/accounts/officerService';
import { PasswordHasher, owaspScryptCost, type ScryptCost } from './features/accounts/passwords';
import { SqliteSessionStore, officerIdleLifetimeMs } from './features/accounts/sessionStore';
import { DashboardService } from './features/dashboard/dashboardService';
import { DigestRepository } from './features/digests';
import { draftsOf } from './features/drafts';
import { DigestService } from './features/digests/digestService';
import { ExportService } from './features/exports/exportService';
import { FormOpenedStamps } from './features/respond/formOpenedStamps';
import { erasureOf } from './features/workspace';
import { ReviewService } from './features/workspace/reviewService';
import { SubmissionListService } from './features/workspace/submissionListService';
import { ConstituencyDirectory, loadShippedUnits, UnitRepository, UnitService } from './features/units';

import type { Portal } from './services';

export interface PortalOptions {
  /**
   * `settle` for the server, and a tool that works out a preview's deadline as the server does:
   * records the address and consultation window it runs with. `adopt` for a command-line tool:
   * those of the server that runs on this data, unless the tool's own settings name them.
   */
  readonly serverSettings: 'settle' | 'adopt';
  /** False for a tool that sends no email: no transport is opened, and nothing can be sent. */
  readonly sendsEmail?: boolean;
  /** Where email goes; by default SMTP_URL's server, or .eml files in the outbox folder. */
  readonly transport?: MailTransport;
  readonly passwordCost?: ScryptCost;
  readonly deliveryPolicy?: DeliveryPolicy;
  readonly checkpointRetries?: CheckpointRetries;
}

/** For a process that sends no email. */
const noTransport: MailTransport = {
  send: () => Promise.reject(new Error('This process sends no email.')),
  removeCopies: () => undefined,
  close: () => undefined,
};

interface OpenedData {
  readonly config: Config;
  readonly db: Db;
  readonly appliedMigrations: readonly string[];
}

/** Opens the data store, brings its tables up to date, and settles or adopts the server's settings. */
function openData(settings: Config, clock: Clock, serverSettings: PortalOptions['serverSettings']): OpenedData {
  const db = openDataStore(settings);
  const appliedMigrations = migrate(db, path.join(projectRoot, 'migrations'));
  const repository = new ServerSettingsRepository(db);
  const config =
    serverSettings === 'settle'
      ? settleServerSettings(settings, repository, clock.now())
      : adoptServerSettings(settings, repository);
  return { config, db, appliedMigrations };
}

function officerService(
  db: Db,
  audit: AuditLog,
  clock: Clock,
  sessions: SqliteSessionStore,
  passwordCost: ScryptCost,
): OfficerService {
  return new OfficerService({
    officers: new OfficerRepository(db),
    hasher: new PasswordHasher(passwordCost),
    audit,
    clock,
    endSessionsOf: (officerId) => sessions.endSessionsOf(officerId),
  });
}

function unitService(
  consultations: LocalisedConsultation,
  db: Db,
  audit: AuditLog,
  clock: Clock,
  contentDir: string,
): UnitService {
  const constituencies = new ConstituencyDirectory(consultations);
  const shipped = loadShippedUnits(contentDir, constituencies);
  return new UnitService({ repository: new UnitRepository(db), constituencies, audit, clock, shipped });
}

function sessionStore(db: Db, clock: Clock): SqliteSessionStore {
  return new SqliteSessionStore(db, officerIdleLifetimeMs, () => clock.now().getTime());
}

/**
 * The one wiring of the portal, for the server, the command-line tools and the tests: loads the
 * consultation, opens the data store, migrates it, settles or adopts the server's settings, and
 * builds the repositories and services once.
 */
export function openPortal(settings: Config, clock: Clock, options: PortalOptions): Portal {
  const consultations = loadConsultation(settings.contentDir);
  const { config, db, appliedMigrations } = openData(settings, clock, options.serverSettings);
  const consultation = consultations.en;
  const window = new ConsultationWindow(
    consultation,
    clock,
    config.opensAtOverride,
    config.closesAtOverride,
    config.lateResponseGraceMs,
  );
  const attachments = new AttachmentStore(config.uploadsDir, config.tempDir);
  const heldUploads = new HeldUploads(attachments.heldDir, clock, config.uploads.heldMaxBytes);
  const submissionRepository = new SubmissionRepository(db);
  const reviewRepository = new ReviewRepository(db);
  const officerRepository = new OfficerRepository(db);
  const digestRepository = new DigestRepository(db);
  const statistics = new StatisticsRepository(db);
  const outbox = new OutboxRepository(db);
  const queries = new SubmissionListRepository(db, consultation.slug);
  const audit = new AuditLog(new AuditRepository(db), clock);
  const sessions = sessionStore(db, clock);
  const inTransaction = <T>(work: () => T): T => db.transaction(work)();
  const groupCommit = new GroupCommit(db);
  const emails = consultationEmails(consultations, config.baseUrl);
  const newMessageId = messageIdMaker(config.baseUrl);
  const transport =
    options.sendsEmail === false
      ? noTransport
      : (options.transport ??
        (config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl) : fileTransport(config.mail.outboxDir)));
  const { drafts, writeDraftLink } = draftsOf(db, {
    ...{ config, window, clock, outbox, emails, newMessageId },
    response: {
      names: (storedName) => submissionRepository.isStoredNameRecorded(storedName),
      place: (filePath, storedName) => attachments.place(filePath, storedName),
    },
  });
  const delivery = new MailDelivery({
    outbox,
    transport,
    writeDraftLink,
    writeReceipt: (submissionId) => {
      const submission = submissionRepository.findById(submissionId);
      return submission ? receiptMessage(emails, submission) : null;
    },
    sender: { from: config.mail.from, replyTo: config.mail.replyTo ?? consultation.howToRespond.email },
    clock,
    policy: options.deliveryPolicy ?? defaultDeliveryPolicy,
  });
  const mailCopies = new MailCopies({ outbox, transport, isSending: (messageId) => delivery.isSending(messageId) });
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
    freeSpace: new FreeSpace(attachments.incomingDir, config.uploads.freeSpaceReserveBytes),
    uploads: new UploadService({ held: heldUploads, reportsEmail: consultation.howToRespond.email }),
    submissions: new SubmissionService({
      consultation,
      window,
      repository: submissionRepository,
      attachments,
      clock,
      audit,
      commitTogether: (work) => groupCommit.run(work),
      outbox,
      newMessageId,
    }),
    audit,
    officers: officerService(db, audit, clock, sessions, options.passwordCost ?? owaspScryptCost),
    sessions,
    submissionList: new SubmissionListService({ consultation, queries, reviews: reviewRepository }),
    reviews: new ReviewService({
      submissions: submissionRepository,
      reviews: reviewRepository,
      audit,
      clock,
      inTransaction,
    }),
    dashboard: new DashboardService({
      consultation,
      statistics,
      reviews: reviewRepository,
      outbox,
      window: () => window.status(),
      clock,
    }),
    exports: new ExportService({
      consultation,
      queries,
      submissions: submissionRepository,
      reviews: reviewRepository,
      attachments,
      audit,
    }),
    erasure: erasureOf(db, {
      attachments,
      audit,
      emails,
      mailFiles: { transport, isSending: (messageId) => delivery.isSending(messageId) },
      checkpoint: () => checkpointer.checkpoint(),
    }),
    digests,
    units: unitService(consultations, db, audit, clock, config.contentDir),
    drafts,
    db,
    appliedMigrations,
    queries,
    repositories: { submissions: submissionRepository, reviews: reviewRepository },
    heldUploads,
    outbox,
    delivery,
    mailWorker: new MailWorker({
      delivery,
      mailCopies,
      pollMs: config.mail.pollMs,
      beforeEachPoll: () => digests.makeDue(),
    }),
    mailCopies,
    checkpointer,
    transport,
    close() {
      transport.close();
      db.close();
    },
  };
}

export interface OfficerAccounts {
  readonly config: Config;
  readonly officers: OfficerService;
  /** Closes the database. */
  close(): void;
}

/**
 * Only the officers' accounts, for the command-line tool that manages them: it needs neither the
 * consultation nor email, and works while either is broken.
 */
export function openOfficerAccounts(settings: Config, clock: Clock): OfficerAccounts {
  const { config, db } = openData(settings, clock, 'adopt');
  const officers = officerService(
    db,
    new AuditLog(new AuditRepository(db), clock),
    clock,
    sessionStore(db, clock),
    owaspScryptCost,
  );
  return { config, officers, close: () => db.close() };
}
