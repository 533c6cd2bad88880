import type { Consultation } from '../../consultation/consultation';
import {
  DigestSlotTaken,
  type DigestHistoryEntry,
  type DigestKind,
  type DigestRecord,
  type DigestRepository,
} from './digestRepository';
import type { DigestReader, OfficerRepository } from '../accounts';
import type { OutboxRepository, UndeliverableReceipt } from '../../mail/outboxRepository';
import type { StatisticsRepository } from '../../submissions/statisticsRepository';
import type { Language } from '../../platform/vocabulary';
import type { BuiltMessage } from '../../mail/builtMessage';
import type { ConsultationEmails } from '../../submissions/consultationEmails';
import type { Actor, AuditLog } from '../../platform/audit/auditLog';
import type { Clock } from '../../platform/time/clock';
import type { ConsultationWindow } from '../../consultation/consultationWindow';
import { mentionedReferences, withoutMentionsOf, type DigestContent } from './digestContent';
import { digestMessage } from './digestMessage';
import { digestSchedule, dueSlot, type DigestScheduleSettings } from './digestSchedule';

/**
 * A digest lists at most this many new responses, then says how many more there are: in the final
 * days thousands arrive, and an email cannot usefully list them all.
 */
export const digestListLimit = 100;

/** The flagged responses a digest names before it links to the rest: enough to act on, not a wall of them. */
export const flaggedListLimit = 5;

/** A slot is "late" when its digest is made this long after its time, because the server was down. */
const lateAfterMs = 15 * 60 * 1000;

export interface DigestDependencies {
  readonly consultation: Consultation;
  readonly window: ConsultationWindow;
  readonly digests: DigestRepository;
  readonly outbox: OutboxRepository;
  readonly statistics: StatisticsRepository;
  readonly officers: OfficerRepository;
  readonly emails: ConsultationEmails;
  readonly newMessageId: () => string;
  readonly settings: DigestScheduleSettings & { readonly recipients: readonly string[]; readonly language: Language };
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly inTransaction: <T>(work: () => T) => T;
}

/** Keeps the Policy Officer informed: digests on a schedule, each slot exactly once, through the outbox. */
export class DigestService {
  constructor(private readonly deps: DigestDependencies) {}

  /**
   * Everyone who gets the digests, each once, with the language they read them in: the configured
   * addresses in the configured language, and the officers who opted in, in the language each chose
   * (which wins for an officer whose address is also configured).
   */
  recipients(): DigestReader[] {
    const { settings, officers } = this.deps;
    const configured = settings.recipients.map((address) => ({ address, language: settings.language }));
    const byAddress = new Map<string, DigestReader>();
    for (const { address, language } of [...configured, ...officers.digestReaders()]) {
      byAddress.set(address.toLowerCase(), { address: address.toLowerCase(), language });
    }
    return [...byAddress.values()];
  }

  /** Makes the digest that is due now, if one is; null if none is due or another process made it. */
  makeDue(): DigestRecord | null {
    const { window, digests, settings, clock } = this.deps;
    const now = clock.now();
    const { opensAt, closesAt } = window.status();
    const latest = digests.latestScheduled();
    const slot = dueSlot({ opensAt, closesAt }, settings, latest ? new Date(latest.scheduledFor) : null, now);
    if (!slot) return null;
    return this.make(slot.slot, slot.kind, slot.at, now.getTime() - slot.at.getTime() > lateAfterMs, digestSchedule);
  }

  /** A digest now, whatever the schedule says: "send now" in the workspace and on the command line. */
  makeNow(actor: Actor): DigestRecord {
    const now = this.deps.clock.now();
    return this.make(`manual ${now.toISOString()}`, 'manual', now, false, actor)!;
  }

  /** The digest as it would go now in this language, without recording or sending it. */
  preview(language: Language): BuiltMessage {
    const now = this.deps.clock.now();
    return digestMessage(this.deps.emails, this.compose('manual', now, false), language);
  }

  history(): DigestHistoryEntry[] {
    return this.deps.digests.history();
  }

  /** Receipts the mail server would not take, for the officer to follow up. */
  undeliverableReceipts(): UndeliverableReceipt[] {
    return this.deps.outbox.undeliverableReceipts();
  }

  /** Records the digest for its slot and queues it for each recipient; the audit log says who sent it to whom. */
  private make(slot: string, kind: DigestKind, scheduledFor: Date, late: boolean, actor: Actor): DigestRecord | null {
    const { digests, outbox, emails, newMessageId, clock, audit, inTransaction } = this.deps;
    const composed = this.compose(kind, scheduledFor, late);
    const recipients = this.recipients();
    // Outside the final week, a digest with nothing new is not worth an email.
    const skipped = recipients.length === 0 || (kind === 'weekly' && composed.newCount === 0);
    const record: Omit<DigestRecord, 'id'> = {
      slot,
      kind,
      scheduledFor: scheduledFor.toISOString(),
      createdAt: clock.now().toISOString(),
      late,
      lastSubmissionId: composed.lastSubmissionId,
      newSubmissions: composed.newCount,
      skipped,
    };
    try {
      const id = inTransaction(() => {
        const digestId = digests.insert(record);
        if (skipped) return digestId;
        // A response erased (by another process) since the digest was composed is left out of it.
        const erasedMeanwhile = mentionedReferences(composed).filter(
          (reference) => !digests.recordMention(digestId, reference),
        );
        const content = erasedMeanwhile.length > 0 ? withoutMentionsOf(composed, new Set(erasedMeanwhile)) : composed;
        digests.storeContent(digestId, JSON.stringify(content));
        // Written once in each language its readers read.
        const languages = new Set(recipients.map(({ language }) => language));
        const messageIn = new Map(
          [...languages].map((language) => [language, digestMessage(emails, content, language)]),
        );
        for (const { address, language } of recipients) {
          const message = messageIn.get(language)!;
          outbox.enqueue(
            { kind: 'digest', messageId: newMessageId(), digestId, recipient: address, language, message },
            clock.now(),
          );
        }
        audit.record(actor, 'digest-sent', null, `${kind}: ${recipients.map(({ address }) => address).join(', ')}`);
        return digestId;
      });
      return { id, ...record };
    } catch (error) {
      if (error instanceof DigestSlotTaken) return null;
      throw error;
    }
  }

  private compose(kind: DigestKind, scheduledFor: Date, late: boolean): DigestContent {
    const { consultation, window, digests, outbox, statistics } = this.deps;
    const previous = digests.latest();
    const fresh = digests.newSubmissions(consultation.slug, previous?.lastSubmissionId ?? 0, digestListLimit);
    const since = previous?.createdAt ?? null;
    const stats = statistics.summary(consultation.slug, { afterSubmissionId: previous?.lastSubmissionId ?? 0 });
    const heard = new Set(stats.coverage.map((row) => row.constituency));
    const { state, closesAt, millisecondsLeft } = window.status();
    return {
      kind,
      late,
      scheduledFor: scheduledFor.toISOString(),
      since,
      window: { state, closesAt: closesAt.toISOString(), millisecondsLeft },
      lines: fresh.lines,
      newCount: fresh.count,
      lastSubmissionId: fresh.lastId,
      totals: { total: stats.totals.total, byPaper: stats.byPaper, byType: stats.byType, byChannel: stats.byChannel },
      heardFrom: consultation.constituencies.filter((constituency) => heard.has(constituency.slug)).length,
      notHeardFrom: consultation.constituencies
        .filter((constituency) => !heard.has(constituency.slug))
        .map((constituency) => constituency.slug),
      undeliverable: outbox.undeliverableReceipts(),
      flagged: digests.flagged(consultation.slug, flaggedListLimit),
    };
  }
}
