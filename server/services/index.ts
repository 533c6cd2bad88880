import type { Config } from '../config';
import type { Consultation } from '../content/consultation';
import { AuditRepository } from '../db/auditRepository';
import type { Db } from '../db/database';
import { OfficerRepository } from '../db/officerRepository';
import { ReviewRepository } from '../db/reviewRepository';
import { SqliteSessionStore } from '../db/sessionStore';
import { StatisticsRepository } from '../db/statisticsRepository';
import { SubmissionQueries } from '../db/submissionQueries';
import { SubmissionRepository } from '../db/submissionRepository';
import { AttachmentStore } from './attachmentStore';
import { AuditLog } from './auditLog';
import type { Clock } from './clock';
import { ConsultationWindow } from './consultationWindow';
import { DashboardService } from './dashboardService';
import { ExportService } from './exportService';
import { HeldUploads } from './heldUploads';
import { OfficerService } from './officerService';
import { PasswordHasher, owaspScryptCost, type ScryptCost } from './passwords';
import { ReviewService } from './reviewService';
import { SubmissionService } from './submissionService';
import { UploadService } from './uploadService';

/** Officers stay signed in for this long without using the workspace. */
export const officerIdleLifetimeMs = 8 * 60 * 60 * 1000;

export interface Services {
  readonly config: Config;
  readonly clock: Clock;
  readonly consultation: Consultation;
  readonly window: ConsultationWindow;
  readonly attachments: AttachmentStore;
  readonly heldUploads: HeldUploads;
  readonly uploads: UploadService;
  readonly submissions: SubmissionService;
  readonly audit: AuditLog;
  readonly officers: OfficerService;
  readonly sessions: SqliteSessionStore;
  readonly queries: SubmissionQueries;
  readonly reviews: ReviewService;
  readonly dashboard: DashboardService;
  readonly exports: ExportService;
}

export function createServices(
  config: Config,
  db: Db,
  consultation: Consultation,
  clock: Clock,
  passwordCost: ScryptCost = owaspScryptCost,
): Services {
  const window = new ConsultationWindow(consultation, clock, config.opensAtOverride, config.closesAtOverride);
  const attachments = new AttachmentStore(config.uploadsDir, config.tempDir);
  const heldUploads = new HeldUploads(attachments.heldDir, clock);
  const submissionRepository = new SubmissionRepository(db);
  const audit = new AuditLog(new AuditRepository(db), clock);
  const inTransaction = <T>(work: () => T): T => db.transaction(work)();
  const queries = new SubmissionQueries(db, consultation.slug);
  const reviewRepository = new ReviewRepository(db);
  return {
    config,
    clock,
    consultation,
    window,
    attachments,
    heldUploads,
    uploads: new UploadService(heldUploads),
    submissions: new SubmissionService(consultation, window, submissionRepository, attachments, clock, audit, inTransaction),
    audit,
    officers: new OfficerService(new OfficerRepository(db), new PasswordHasher(passwordCost), audit, clock),
    sessions: new SqliteSessionStore(db, officerIdleLifetimeMs, () => clock.now().getTime()),
    queries,
    reviews: new ReviewService(submissionRepository, reviewRepository, audit, clock),
    dashboard: new DashboardService(consultation, new StatisticsRepository(db), () => window.status().closesAt, clock),
    exports: new ExportService(consultation, queries, submissionRepository, reviewRepository, attachments, audit),
  };
}
