import type { BuiltMessage } from '../mail/builtMessage';
import { asLanguage } from '../platform/vocabulary';
import type { ConsultationEmails } from './consultationEmails';
import { responseSummary } from './responseSummary';
import type { NewSubmission } from './submission';

/** The respondent's receipt, in the language they responded in: the reference and a readable copy of everything they sent. */
export function receiptMessage(emails: ConsultationEmails, submission: NewSubmission): BuiltMessage {
  return emails.render(
    'receipt',
    asLanguage(submission.language),
    { key: 'email.receipt.subject', values: { reference: submission.reference } },
    (words) => ({
      submission,
      summary: responseSummary(submission, words, 'respondent'),
    }),
  );
}
