import type { ConsultationWindow } from '../../consultation/consultationWindow';
import type { OutboxRepository } from '../../mail/outboxRepository';
import type { Clock } from '../../platform/time/clock';
import type { Language } from '../../platform/vocabulary';
import type { AcceptedFile } from '../../submissions/reports/heldUploads';
import type { FormValues } from '../../submissions/responseForm';
import type { DraftFiles } from './draftFiles';
import type { DraftRepository, StoredDraft } from './draftRepository';
import { hashDraftToken, isDraftToken, newDraftToken, type DraftTokenSeal } from './draftTokens';

export interface DraftDependencies {
  readonly repository: DraftRepository;
  readonly files: DraftFiles;
  readonly outbox: OutboxRepository;
  readonly seal: DraftTokenSeal;
  readonly window: ConsultationWindow;
  readonly clock: Clock;
  readonly inTransaction: <T>(work: () => T) => T;
  readonly newMessageId: () => string;
  readonly baseUrl: string;
  /**
   * For a file sent with a response whose move into place a crash cut short: whether a stored
   * response names it, and moving it there.
   */
  readonly response: {
    readonly names: (storedName: string) => boolean;
    readonly place: (path: string, storedName: string) => void;
  };
}

/** A draft opened by its link: what the form is filled with, and the reports it carries. */
export interface OpenedDraft {
  readonly token: string;
  readonly draftId: number;
  readonly version: number;
  readonly values: FormValues;
  readonly language: Language;
  readonly email: string;
  readonly reports: AcceptedFile[];
  /** When the version opened was saved. */
  readonly updatedAt: Date;
  readonly expiresAt: Date;
}

/** A draft to make: what its form holds, and where its link goes. */
export interface NewDraft {
  readonly values: FormValues;
  readonly files: readonly AcceptedFile[];
  readonly language: Language;
  readonly email: string;
  /** False when the caller sends the link in its own email (a reminder, say). */
  readonly emailTheLink: boolean;
}

/** A save of the form over a draft opened at `version`, or of a new one when `token` is null. */
export interface DraftSave {
  readonly token: string | null;
  readonly version: number | null;
  readonly values: FormValues;
  /** Reports accepted with this save, not yet the draft's. */
  readonly newFiles: readonly AcceptedFile[];
  /** The draft's reports the person ticked to remove. */
  readonly removeStoredNames: readonly string[];
  readonly language: Language;
  readonly email: string;
}

export type SaveOutcome =
  | { readonly saved: true; readonly draft: OpenedDraft; readonly link: string; readonly isNew: boolean }
  /** Someone else saved the draft after this person opened it: nothing was written. */
  | { readonly saved: false; readonly current: OpenedDraft };

/**
 * Save and return: keeps a response part-way on the server, with the reports already accepted,
 * and gives out links to it. A link's secret is stored only as its hash. A draft lasts until the
 * late-response grace after the close ends, and is deleted then with its files.
 */
export class DraftService {
  constructor(private readonly deps: DraftDependencies) {}

  /** The address a link opens. */
  linkFor(token: string): string {
    return `${this.deps.baseUrl}/respond/draft/${token}`;
  }

  /** Makes a draft and returns its link; for the response form, and for reminders that open a draft for a unit. */
  createDraft(draft: NewDraft): { token: string; link: string; draftId: number } {
    const token = newDraftToken();
    const now = this.deps.clock.now();
    const moved = this.deps.files.takeIn(draft.files);
    try {
      const draftId = this.deps.inTransaction(() => {
        const id = this.deps.repository.create(
          { values: draft.values, language: draft.language, email: draft.email, addedReports: records(moved), now },
          hashDraftToken(token),
          this.deps.window.status().lateResponsesUntil,
        );
        if (draft.emailTheLink) this.queueLink(id, token, draft.language, draft.email, now);
        return id;
      });
      return { token, link: this.linkFor(token), draftId };
    } catch (error) {
      this.deps.files.giveBack(moved, draft.files);
      throw error;
    }
  }

  /** The draft a link opens; null for any link that opens none (wrong, expired or deleted), all alike. */
  open(token: string): OpenedDraft | null {
    if (!isDraftToken(token)) return null;
    const stored = this.deps.repository.findByTokenHash(hashDraftToken(token), this.deps.clock.now());
    return stored ? this.opened(token, stored) : null;
  }

  /**
   * Saves the form as a draft: a new one (its link is emailed), or a new version of the one it
   * was opened from. A save from an older version than the stored one writes nothing and returns
   * the stored version, so that the person can merge the two. A draft that has gone since it was
   * opened is saved as a new one, so that nothing typed is lost.
   */
  save(save: DraftSave): SaveOutcome {
    const existing = save.token ? this.open(save.token) : null;
    if (!existing || !save.token) {
      const created = this.createDraft({ ...save, files: save.newFiles, emailTheLink: true });
      return { saved: true, draft: this.open(created.token)!, link: created.link, isNew: true };
    }
    if (save.version !== existing.version) return { saved: false, current: existing };
    const removed = existing.reports
      .map((report) => report.storedName)
      .filter((storedName) => save.removeStoredNames.includes(storedName));
    const moved = this.deps.files.takeIn(save.newFiles);
    let written: boolean;
    try {
      written = this.deps.inTransaction(() =>
        this.deps.repository.update(existing.draftId, existing.version, {
          values: save.values,
          language: save.language,
          email: save.email,
          addedReports: records(moved),
          removedReports: removed,
          now: this.deps.clock.now(),
        }),
      );
    } catch (error) {
      this.deps.files.giveBack(moved, save.newFiles);
      throw error;
    }
    if (!written) {
      this.deps.files.giveBack(moved, save.newFiles);
      return { saved: false, current: this.open(save.token) ?? existing };
    }
    this.deps.files.remove(removed);
    return { saved: true, draft: this.open(save.token)!, link: this.linkFor(save.token), isNew: false };
  }

  /**
   * Emails a new link to each draft saved under this address. Says nothing of whether there was
   * any: the page after it reads the same whatever was typed.
   */
  sendNewLinks(email: string, language: Language): void {
    const now = this.deps.clock.now();
    const draftIds = this.deps.repository.liveDraftIdsFor(email.trim(), now);
    this.deps.inTransaction(() => {
      for (const draftId of draftIds) {
        const token = newDraftToken();
        this.deps.repository.addLink(draftId, hashDraftToken(token), now);
        const draft = this.deps.repository.findById(draftId);
        if (draft) this.queueLink(draftId, token, language, draft.email, now);
      }
    });
  }

  /** Deletes a draft inside the caller's transaction, such as the one storing the response sent from it. */
  deleteInTransaction(draftId: number): void {
    this.deps.repository.delete(draftId);
  }

  /** Once a response sent from a draft has committed: removes the draft's reports left behind (those the person took off). */
  afterSent(draft: OpenedDraft): void {
    this.deps.files.remove(draft.reports.map((report) => report.storedName));
  }

  /** Deletes the drafts whose time is up, and then every draft file no draft names; returns how many drafts went. */
  removeExpired(): number {
    const expired = this.deps.repository.expiredDraftIds(this.deps.clock.now());
    this.deps.inTransaction(() => {
      for (const draftId of expired) this.deps.repository.delete(draftId);
    });
    this.removeUnrecordedFiles();
    return expired.length;
  }

  /** Removes the files of drafts deleted or sent, and of saves that did not commit. */
  removeUnrecordedFiles(): number {
    const { repository, response } = this.deps;
    return this.deps.files.sweep(
      (storedName) => repository.isStoredNameRecorded(storedName),
      (storedName) => response.names(storedName),
      response.place,
    );
  }

  /** The link's secret from a queued email, for writing it as it is sent. */
  unsealedToken(sealed: string): string | null {
    return this.deps.seal.unseal(sealed);
  }

  findById(draftId: number): StoredDraft | null {
    return this.deps.repository.findById(draftId);
  }

  private queueLink(draftId: number, token: string, language: Language, email: string, now: Date): void {
    this.deps.outbox.enqueue(
      {
        kind: 'draft-link',
        messageId: this.deps.newMessageId(),
        draftId,
        language,
        recipient: email,
        sealedToken: this.deps.seal.seal(token),
      },
      now,
    );
  }

  private opened(token: string, stored: StoredDraft): OpenedDraft {
    return {
      token,
      draftId: stored.id,
      version: stored.version,
      values: stored.values,
      language: stored.language,
      email: stored.email,
      reports: stored.reports.map((report) => this.deps.files.asAccepted(report)),
      updatedAt: stored.updatedAt,
      expiresAt: stored.expiresAt,
    };
  }
}

function records(files: readonly AcceptedFile[]) {
  return files.map(({ storedName, originalName, mediaType, sizeBytes, risk }) => ({
    storedName,
    originalName,
    mediaType,
    sizeBytes,
    risk,
  }));
}
