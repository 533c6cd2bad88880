import type { BuiltMessage } from '../../mail/builtMessage';
import type { Language } from '../../platform/vocabulary';
import type { ConsultationEmails } from '../../submissions/consultationEmails';

/** The email with the link back to a saved draft, in the language it was saved (or asked for) in. */
export function draftLinkMessage(
  emails: ConsultationEmails,
  language: Language,
  link: string,
  expiresAt: Date,
): BuiltMessage {
  return emails.render('draft-link', language, { key: 'email.draftLink.subject' }, () => ({ link, expiresAt }));
}
