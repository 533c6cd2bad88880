import type { Store } from 'express-session';
import type { Config } from './config';
import type { Consultation } from './consultation/consultation';
import type { LocalisedConsultation } from './consultation/loadConsultation';
import type { ConsultationWindow } from './consultation/consultationWindow';
import type { AuditLog } from './platform/audit/auditLog';
import type { Db } from './platform/db/database';
import type { WalCheckpointer } from './platform/db/walCheckpointer';
import type { FreeSpace } from './platform/files/freeSpace';
import type { Clock } from './platform/time/clock';
import type { OutboxRepository } from './mail/outboxRepository';
import type { MailTransport } from './mail/transport';
import type { MailDelivery } from './mail/mailDelivery';
import type { MailCopies } from './mail/mailCopies';
import type { MailWorker } from './mail/mailWorker';
import type { ReviewRepository } from './submissions/reviewRepository';
import type { SubmissionListRepository } from './submissions/submissionListRepository';
import type { SubmissionRepository } from './submissions/submissionRepository';
import type { SubmissionService } from './submissions/submissionService';
import type { AttachmentStore } from './submissions/reports/attachmentStore';
import type { HeldUploads } from './submissions/reports/heldUploads';
import type { UploadService } from './submissions/reports/uploadService';
import type { OfficerService } from './features/accounts/officerService';
import type { SqliteSessionStore } from './features/accounts/sessionStore';
import type { DashboardService } from './features/dashboard/dashboardService';
import type { DigestService } from './features/digests/digestService';
import type { ExportService } from './features/exports/exportService';
import type { FormOpenedStamps } from './features/respond/formOpenedStamps';
import type { ErasureService } from './features/workspace';
import type { ReviewService } from './features/workspace/reviewService';
import type { UnitService } from './features/units';
import type { DraftService } from './features/drafts';
import type { SubmissionListService } from './features/workspace/submissionListService';

/** What the web application is given: the portal's services, and what every page needs to know. */
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
  readonly freeSpace: FreeSpace;
  readonly uploads: UploadService;
  readonly submissions: SubmissionService;
  readonly audit: AuditLog;
  readonly officers: OfficerService;
  /** Where the officers' sessions are kept: for the session middleware. */
  readonly sessions: Store;
  readonly submissionList: SubmissionListService;
  readonly reviews: ReviewService;
  readonly dashboard: DashboardService;
  readonly exports: ExportService;
  readonly erasure: ErasureService;
  readonly digests: DigestService;
  readonly units: UnitService;
  readonly drafts: DraftService;
}

/**
 * The portal wired once on its data: the services, and what only the server's start, its timers,
 * the command-line tools and the tests reach besides.
 */
export interface Portal extends Services {
  readonly db: Db;
  /** The migrations this opening applied, oldest first. */
  readonly appliedMigrations: readonly string[];
  readonly sessions: SqliteSessionStore;
  readonly queries: SubmissionListRepository;
  readonly repositories: { readonly submissions: SubmissionRepository; readonly reviews: ReviewRepository };
  readonly heldUploads: HeldUploads;
  readonly outbox: OutboxRepository;
  readonly delivery: MailDelivery;
  readonly mailWorker: MailWorker;
  readonly mailCopies: MailCopies;
  readonly checkpointer: WalCheckpointer;
  readonly transport: MailTransport;
  /** Closes the mail transport and the database. */
  close(): void;
}
