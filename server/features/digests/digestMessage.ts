import type { BuiltMessage } from '../../mail/builtMessage';
import type { Language } from '../../platform/vocabulary';
import type { ConsultationEmails } from '../../submissions/consultationEmails';
import { respondentLine } from '../../submissions/responseSummary';
import { flaggedStatus, type DigestLine } from './digestRepository';
import type { DigestContent } from './digestContent';

/** A digest for the Policy Officer, in the language its reader chose. */
export function digestMessage(emails: ConsultationEmails, digest: DigestContent, language: Language): BuiltMessage {
  return emails.render(
    'digest',
    language,
    { key: `email.digest.subject.${digest.kind}`, values: { count: digest.newCount } },
    (words) => ({
      digest,
      flaggedStatus,
      respondentLine: (line: DigestLine) => respondentLine(line, words),
    }),
  );
}
