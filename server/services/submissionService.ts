import { SqliteError } from 'better-sqlite3';
import type { SubmissionRepository } from '../db/submissionRepository';
import type { Consultation } from '../content/consultation';
import { ConsultationClosed, NotFound } from '../errors';
import type { AttachmentStore } from './attachmentStore';
import type { Clock } from './clock';
import type { ConsultationWindow } from './consultationWindow';
import type { AcceptedFile } from './heldUploads';
import type { Channel, NewSubmission, ResponseContent, StoredSubmission } from './submission';
import { newReference } from './referenceNumbers';

export interface Provenance {
  readonly channel: Channel;
  readonly language: string;
}

function isReferenceCollision(error: unknown): boolean {
  return error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('reference');
}

/** Accepts responses: checks the consultation is open, stores the response, puts its files in place. */
export class SubmissionService {
  constructor(
    private readonly consultation: Consultation,
    private readonly window: ConsultationWindow,
    private readonly repository: SubmissionRepository,
    private readonly attachments: AttachmentStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a response from the web form and returns its reference. The row commits first, then
   * the files move into place; if a move fails the row is removed again, so a response is stored
   * whole or not at all. A crash in between is finished by AttachmentStore.recover at start.
   */
  submit(content: ResponseContent, files: readonly AcceptedFile[], provenance: Provenance): string {
    if (!this.window.isOpen()) throw new ConsultationClosed();
    const now = this.clock.now();
    const { id, submission } = this.insertWithFreshReference({
      ...content,
      consultation: this.consultation.slug,
      channel: provenance.channel,
      language: provenance.language,
      receivedAt: now,
      createdAt: now,
      attachments: files.map(({ storedName, originalName, mediaType, sizeBytes }) => ({
        storedName,
        originalName,
        mediaType,
        sizeBytes,
      })),
    });
    const placed: string[] = [];
    try {
      for (const file of files) {
        this.attachments.place(file.path, file.storedName);
        placed.push(file.storedName);
      }
    } catch (error) {
      this.repository.delete(id);
      for (const storedName of placed) this.attachments.remove(storedName);
      throw error;
    }
    return submission.reference;
  }

  /**
   * Finishes what a crash interrupted: files whose rows committed are moved into place, and
   * other temporary files are removed. Run once at start, before serving.
   */
  recoverInterruptedWrites(): { placed: number; removed: number } {
    return this.attachments.recover((storedName) => this.repository.isStoredNameRecorded(storedName));
  }

  /** A stored response, for its confirmation page. */
  find(reference: string): StoredSubmission {
    const submission = this.repository.findByReference(reference);
    if (!submission) throw new NotFound();
    return submission;
  }

  private insertWithFreshReference(
    submission: Omit<NewSubmission, 'reference'>,
  ): { id: number; submission: NewSubmission } {
    for (let attempt = 1; ; attempt += 1) {
      const withReference = { ...submission, reference: newReference(this.consultation.referencePrefix) };
      try {
        return { id: this.repository.insert(withReference), submission: withReference };
      } catch (error) {
        if (!isReferenceCollision(error) || attempt === 5) throw error;
      }
    }
  }
}
