import type { Config } from '../config';
import type { Consultation } from '../content/consultation';
import type { Db } from '../db/database';
import { SubmissionRepository } from '../db/submissionRepository';
import { AttachmentStore } from './attachmentStore';
import type { Clock } from './clock';
import { ConsultationWindow } from './consultationWindow';
import { HeldUploads } from './heldUploads';
import { SubmissionService } from './submissionService';
import { UploadService } from './uploadService';

export interface Services {
  readonly config: Config;
  readonly clock: Clock;
  readonly consultation: Consultation;
  readonly window: ConsultationWindow;
  readonly attachments: AttachmentStore;
  readonly heldUploads: HeldUploads;
  readonly uploads: UploadService;
  readonly submissions: SubmissionService;
}

export function createServices(config: Config, db: Db, consultation: Consultation, clock: Clock): Services {
  const window = new ConsultationWindow(consultation, clock, config.opensAtOverride, config.closesAtOverride);
  const attachments = new AttachmentStore(config.uploadsDir, config.tempDir);
  const heldUploads = new HeldUploads(attachments.heldDir, clock);
  const repository = new SubmissionRepository(db);
  return {
    config,
    clock,
    consultation,
    window,
    attachments,
    heldUploads,
    uploads: new UploadService(heldUploads),
    submissions: new SubmissionService(consultation, window, repository, attachments, clock),
  };
}

