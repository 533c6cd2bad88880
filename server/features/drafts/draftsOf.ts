import path from 'node:path';
import type { Config } from '../../config';
import type { ConsultationWindow } from '../../consultation/consultationWindow';
import type { OutboxRepository } from '../../mail/outboxRepository';
import type { WriteDraftLink } from '../../mail/mailDelivery';
import type { Db } from '../../platform/db/database';
import type { Clock } from '../../platform/time/clock';
import type { ConsultationEmails } from '../../submissions/consultationEmails';
import { DraftFiles } from './draftFiles';
import { draftLinkMessage } from './draftLinkMessage';
import { DraftRepository } from './draftRepository';
import { DraftService, type DraftDependencies } from './draftService';
import { DraftTokenSeal } from './draftTokens';

interface DraftWiring {
  readonly config: Config;
  readonly window: ConsultationWindow;
  readonly clock: Clock;
  readonly outbox: OutboxRepository;
  readonly emails: ConsultationEmails;
  readonly newMessageId: () => string;
  readonly response: DraftDependencies['response'];
}

/** Save and return, wired on the portal's data: the service, and the writer of its link emails for the mail delivery. */
export function draftsOf(db: Db, wiring: DraftWiring): { drafts: DraftService; writeDraftLink: WriteDraftLink } {
  const drafts = new DraftService({
    repository: new DraftRepository(db),
    files: new DraftFiles(path.join(wiring.config.dataDir, 'drafts')),
    outbox: wiring.outbox,
    seal: new DraftTokenSeal(wiring.config.cookieSecret),
    window: wiring.window,
    clock: wiring.clock,
    inTransaction: (work) => db.transaction(work)(),
    newMessageId: wiring.newMessageId,
    baseUrl: wiring.config.baseUrl,
    response: wiring.response,
  });
  const writeDraftLink: WriteDraftLink = (message) => {
    const draft = drafts.findById(message.draftId);
    const token = drafts.unsealedToken(message.sealedToken);
    if (!draft || !token) return null;
    return draftLinkMessage(wiring.emails, message.language, drafts.linkFor(token), draft.expiresAt);
  };
  return { drafts, writeDraftLink };
}
