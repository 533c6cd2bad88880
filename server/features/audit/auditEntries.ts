import type { AuditEntry } from '../../platform/audit/auditRepository';
import type { Translate } from '../../platform/i18n/catalogue';
import { isOneOf, languages } from '../../platform/vocabulary';
import { digestKinds, digestSchedule } from '../digests';
import { commandLine } from '../../platform/audit/auditLog';
import { signInFailures, unnamedSignInOf } from '../accounts';
import { exportKinds } from '../exports';
import { shippedContent } from '../units';
import { channels, reviewStatuses } from '../../submissions/vocabulary';

/** An audit entry as the page shows it, in the page's language. */
export interface AuditLine {
  readonly id: number;
  readonly at: string;
  readonly who: string;
  readonly what: string;
  readonly reference: string | null;
  readonly detail: string;
}

const signInFailureKeys: Readonly<Record<string, string>> = {
  [signInFailures.throttled]: 'admin.audit.signInFailures.throttled',
  [signInFailures.wrongDetails]: 'admin.audit.signInFailures.wrongDetails',
};

/** Who did it: an officer's email address, or the portal's own name for someone who is not an officer. */
function who(entry: AuditEntry, t: Translate): string {
  // A failed sign-in is named by the address typed, or by what kind of thing was typed instead.
  const unnamed = unnamedSignInOf(entry);
  if (unnamed) return t(`admin.audit.unnamedSignIn.${unnamed}`);
  if (entry.officerId === null && entry.actor === commandLine.name) return t('admin.audit.actors.commandLine');
  if (entry.officerId === null && entry.actor === digestSchedule.name) return t('admin.audit.actors.digestSchedule');
  if (entry.officerId === null && entry.actor === shippedContent.name) return t('admin.audit.actors.shippedContent');
  return entry.actor;
}

/**
 * The detail, with the words the portal wrote in it (an export's kind, a status, a channel, a
 * digest's kind, the language an officer reads the digests in, why a sign-in failed) in the
 * page's language. What an officer typed, such as a tag, or an email address, stays as it was.
 */
function detail(entry: AuditEntry, t: Translate): string {
  const text = entry.detail;
  switch (entry.action) {
    case 'exported': {
      // The kind, then the filters as "?type=branch", if there were any.
      const kind = exportKinds.find((candidate) => text === candidate || text.startsWith(`${candidate} ?`));
      return kind === undefined ? text : t(`admin.audit.exportKinds.${kind}`) + text.slice(kind.length);
    }
    case 'status-changed': {
      const [, from, to] = /^(\w+) → (\w+)$/.exec(text) ?? [];
      return isOneOf(reviewStatuses, from) && isOneOf(reviewStatuses, to)
        ? `${t(`admin.statuses.${from}`)} → ${t(`admin.statuses.${to}`)}`
        : text;
    }
    case 'entry-recorded':
      return isOneOf(channels, text) ? t(`admin.channels.${text}`) : text;
    case 'digest-sent': {
      const [, kind, recipients] = /^([\w-]+): (.*)$/.exec(text) ?? [];
      return isOneOf(digestKinds, kind) ? `${t(`email.digest.heading.${kind}`)}: ${recipients}` : text;
    }
    case 'digest-opted-in':
      // The language the officer chose to read them in; nothing, for a choice made before there was one.
      return isOneOf(languages, text) ? t(`admin.languages.${text}`) : text;
    case 'sign-in-failed':
      return signInFailureKeys[text] === undefined ? text : t(signInFailureKeys[text]);
    default:
      return text;
  }
}

export function describeAuditEntry(entry: AuditEntry, t: Translate): AuditLine {
  return {
    id: entry.id,
    at: entry.at,
    who: who(entry, t),
    what: t(`admin.audit.actions.${entry.action}`),
    reference: entry.submissionReference,
    detail: detail(entry, t),
  };
}
