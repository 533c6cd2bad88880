import { DateTime } from 'luxon';
import { LONDON } from '../config';
import { DuplicateForm, DuplicateReference, type SubmissionRepository } from './submissionRepository';
import type { Consultation } from '../consultation/consultation';
import { ConsultationClosed, NotFound } from '../platform/errors';
import type { OutboxRepository } from '../mail/outboxRepository';
import type { AttachmentStore } from './reports/attachmentStore';
import type { Actor, AuditLog } from '../platform/audit/auditLog';
import { londonDay, type Clock } from '../platform/time/clock';
import type { ConsultationWindow } from '../consultation/consultationWindow';
import type { AcceptedFile } from './reports/heldUploads';
import type { NewSubmission, ResponseContent, StoredSubmission } from './submission';
import type { EnteredChannel } from './vocabulary';
import { newReference } from './referenceNumbers';

export interface OfflineProvenance {
  readonly channel: EnteredChannel;
  /** The London day the email or letter arrived, YYYY-MM-DD. */
  readonly receivedOn: string;
  readonly language: string;
  readonly actor: Actor;
  /** Whether to email the respondent a receipt, as for a web response. The officer chooses. */
  readonly sendReceipt: boolean;
  /** The entry form's one-time token. */
  readonly formToken: string;
}

type HowReceived = Pick<
  NewSubmission,
  'channel' | 'language' | 'receivedAt' | 'receivedDay' | 'enteredBy' | 'sentAfterClose'
> & {
  readonly formToken: string;
  readonly sendReceipt: boolean;
  /** More to write in the same transaction, such as the audit entry for an officer's entry. */
  readonly alsoRecord?: (reference: string) => void;
};

export interface SubmissionDependencies {
  readonly consultation: Consultation;
  readonly window: ConsultationWindow;
  readonly repository: SubmissionRepository;
  readonly attachments: AttachmentStore;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Commits the write with others that arrive at the same moment: see GroupCommit. */
  readonly commitTogether: <T>(work: () => T) => Promise<T>;
  readonly outbox: OutboxRepository;
  /** A Message-ID for a receipt, fixed as it is queued. */
  readonly newMessageId: () => string;
}

/** Accepts responses: checks the consultation is open, stores the response, puts its files in place. */
export class SubmissionService {
  /** Forms being written now, by their one-time token. */
  private readonly storing = new Map<string, Promise<string>>();

  constructor(private readonly deps: SubmissionDependencies) {}

  /**
   * Stores a response from the web form and returns its reference: while the consultation is
   * open, or after the close within the grace period if the form was opened before it (see
   * ConsultationWindow.admission). A form whose opening is not known counts as opened now.
   */
  async submit(
    content: ResponseContent,
    files: readonly AcceptedFile[],
    language: string,
    formToken: string,
    formOpenedAt: Date = this.deps.clock.now(),
    /** More to write in the same transaction, such as deleting the draft it was sent from. */
    alsoRecord?: (reference: string) => void,
  ): Promise<string> {
    const admission = this.deps.window.admission(formOpenedAt);
    if (admission === 'refused') throw new ConsultationClosed();
    const now = this.deps.clock.now();
    return this.storeOnce(content, files, {
      channel: 'web',
      language,
      receivedAt: now,
      receivedDay: londonDay(now),
      enteredBy: null,
      sentAfterClose: admission === 'late',
      formToken,
      sendReceipt: true,
      ...(alsoRecord ? { alsoRecord } : {}),
    });
  }

  /**
   * Stores a response that came by email or post, as an officer entered it. It may be entered
   * after the deadline: what counts is the day it arrived.
   */
  async recordOffline(
    content: ResponseContent,
    files: readonly AcceptedFile[],
    provenance: OfflineProvenance,
  ): Promise<string> {
    return this.storeOnce(content, files, {
      channel: provenance.channel,
      language: provenance.language,
      // Midday, so that the London day is the same whichever way it is read.
      receivedAt: DateTime.fromISO(`${provenance.receivedOn}T12:00`, { zone: LONDON }).toJSDate(),
      receivedDay: provenance.receivedOn,
      enteredBy: provenance.actor.officerId,
      sentAfterClose: false,
      formToken: provenance.formToken,
      sendReceipt: provenance.sendReceipt,
      alsoRecord: (reference) =>
        this.deps.audit.record(provenance.actor, 'entry-recorded', reference, provenance.channel),
    });
  }

  /**
   * A form sent again with the same one-time token (a double click, a reload) is not stored
   * twice: the first one's reference is returned. A copy that arrives while the first is still
   * being written waits for it.
   */
  private storeOnce(content: ResponseContent, files: readonly AcceptedFile[], how: HowReceived): Promise<string> {
    const inFlight = this.storing.get(how.formToken);
    if (inFlight) return inFlight;
    const earlier = this.deps.repository.referenceForFormToken(how.formToken);
    if (earlier) return Promise.resolve(earlier);
    const storing = this.store(content, files, how)
      .catch((error: unknown) => {
        // Another process sharing the database stored the same form first.
        const stored =
          error instanceof DuplicateForm ? this.deps.repository.referenceForFormToken(how.formToken) : null;
        if (stored) return stored;
        throw error;
      })
      .finally(() => this.storing.delete(how.formToken));
    this.storing.set(how.formToken, storing);
    return storing;
  }

  /**
   * The row, the receipt in the outbox and anything in `alsoRecord` commit together; then the
   * files move into place. If a move fails the row is removed again, so a response is stored
   * whole or not at all. A crash in between is finished by recoverInterruptedWrites at start.
   */
  private async store(
    content: ResponseContent,
    files: readonly AcceptedFile[],
    { sendReceipt, alsoRecord, ...provenance }: HowReceived,
  ): Promise<string> {
    const { id, submission } = await this.insertWithFreshReference(sendReceipt, alsoRecord, {
      ...content,
      ...provenance,
      consultation: this.deps.consultation.slug,
      createdAt: this.deps.clock.now(),
      attachments: files.map(({ storedName, originalName, mediaType, sizeBytes, risk }) => ({
        storedName,
        originalName,
        mediaType,
        sizeBytes,
        risk,
      })),
    });
    const placed: string[] = [];
    try {
      for (const file of files) {
        this.deps.attachments.place(file.path, file.storedName);
        placed.push(file.storedName);
      }
    } catch (error) {
      this.deps.repository.delete(id);
      // Back where they came from, so that files kept for the form are not lost with the row.
      for (const file of files.filter((candidate) => placed.includes(candidate.storedName))) {
        this.deps.attachments.unplace(file.storedName, file.path);
      }
      throw error;
    }
    return submission.reference;
  }

  /**
   * Finishes what a crash interrupted: files whose rows committed are moved into place, and
   * other temporary files are removed. Run once at start, before serving.
   */
  recoverInterruptedWrites(): { placed: number; removed: number } {
    return this.deps.attachments.recover((storedName) => this.deps.repository.isStoredNameRecorded(storedName));
  }

  /** A stored response, for its confirmation page. */
  find(reference: string): StoredSubmission {
    const submission = this.deps.repository.findByReference(reference);
    if (!submission) throw new NotFound();
    return submission;
  }

  private async insertWithFreshReference(
    sendReceipt: boolean,
    alsoRecord: ((reference: string) => void) | undefined,
    submission: Omit<NewSubmission, 'reference'>,
  ): Promise<{ id: number; submission: NewSubmission }> {
    for (let attempt = 1; ; attempt += 1) {
      const withReference = { ...submission, reference: newReference(this.deps.consultation.referencePrefix) };
      try {
        const id = await this.deps.commitTogether(() => {
          const submissionId = this.deps.repository.insert(withReference);
          if (sendReceipt && withReference.email) {
            // Only which response it is: the receipt is written from it when it is sent.
            this.deps.outbox.enqueue(
              { kind: 'receipt', messageId: this.deps.newMessageId(), submissionId, recipient: withReference.email },
              withReference.createdAt,
            );
          }
          alsoRecord?.(withReference.reference);
          return submissionId;
        });
        return { id, submission: withReference };
      } catch (error) {
        if (!(error instanceof DuplicateReference) || attempt === 5) throw error;
      }
    }
  }
}
