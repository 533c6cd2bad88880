import type { DigestKind, DigestLine } from './digestRepository';
import type { UndeliverableReceipt } from '../../mail/outboxRepository';
import type { CountWithRecent } from '../../submissions/statisticsRepository';
import type { WindowState } from '../../consultation/consultationWindow';

/** Stands in for what a digest said of a response that has since been erased. */
export interface ErasedMention {
  readonly erased: true;
}

export interface FlaggedMention {
  readonly reference: string;
  readonly name: string;
}

/**
 * What a digest says, as plain data: stored with the digest (as JSON) so that it can be written
 * again without a response erased after it was made.
 */
export interface DigestContent {
  readonly kind: DigestKind;
  readonly late: boolean;
  readonly scheduledFor: string;
  /** When the previous digest went, or null for the first. */
  readonly since: string | null;
  readonly window: { readonly state: WindowState; readonly closesAt: string; readonly millisecondsLeft: number };
  /** The first of the new responses, up to digestListLimit. */
  readonly lines: readonly (DigestLine | ErasedMention)[];
  /** How many new responses there are in all. */
  readonly newCount: number;
  /** The newest submission this digest reports; the next one starts after it. */
  readonly lastSubmissionId: number;
  readonly totals: {
    readonly total: number;
    readonly byPaper: readonly CountWithRecent[];
    readonly byType: readonly CountWithRecent[];
    readonly byChannel: readonly CountWithRecent[];
  };
  readonly heardFrom: number;
  /** The constituencies not heard from, by slug, to be named in each reader's language (by English name in digests made before that). */
  readonly notHeardFrom: readonly string[];
  readonly undeliverable: readonly (UndeliverableReceipt | ErasedMention)[];
  readonly flagged: { readonly items: readonly (FlaggedMention | ErasedMention)[]; readonly count: number };
}

type Mention = DigestLine | UndeliverableReceipt | FlaggedMention | ErasedMention;

function isErased(mention: Mention): mention is ErasedMention {
  return 'erased' in mention;
}

/** The references of every response the digest says anything of: its new ones, undeliverable receipts and flagged ones. */
export function mentionedReferences(content: DigestContent): string[] {
  const mentions: readonly Mention[] = [...content.lines, ...content.undeliverable, ...content.flagged.items];
  return [...new Set(mentions.flatMap((mention) => (isErased(mention) ? [] : [mention.reference])))];
}

/** The digest with every mention of these responses replaced by a note that one was erased. */
export function withoutMentionsOf(content: DigestContent, references: ReadonlySet<string>): DigestContent {
  const erased: ErasedMention = { erased: true };
  const redact = <T extends Mention>(mention: T): T | ErasedMention =>
    !isErased(mention) && references.has(mention.reference) ? erased : mention;
  return {
    ...content,
    lines: content.lines.map(redact),
    undeliverable: content.undeliverable.map(redact),
    flagged: { ...content.flagged, items: content.flagged.items.map(redact) },
  };
}

export function storedDigestContent(json: string): DigestContent {
  // Only the portal writes this column, from a DigestContent.
  return JSON.parse(json) as DigestContent;
}
