import type { Consultation } from '../../consultation/consultation';
import type { Translate } from '../../platform/i18n/catalogue';
import { answerField, fieldOrder, type FormValues } from '../../submissions/responseForm';

export interface DraftDifference {
  readonly field: string;
  readonly label: string;
  /** What the stored draft holds there. */
  readonly saved: string;
}

/** The label each field goes by on the form, in the page's language. */
function answerLabels(consultation: Consultation): Map<string, string> {
  const labels = new Map<string, string>();
  for (const paper of consultation.papers) {
    labels.set(answerField(paper.slug, null), paper.title);
    for (const section of paper.sections)
      labels.set(answerField(paper.slug, section.slug), `${paper.title}: ${section.title}`);
  }
  return labels;
}

const legendFields: ReadonlySet<string> = new Set(['respondentType', 'consentPrivacy', 'consentQuote']);
const meetingDateParts: Readonly<Record<string, string>> = {
  meetingDay: 'day',
  meetingMonth: 'month',
  meetingYear: 'year',
};

/** A field's label as the form shows it: its own, its question's, or the meeting date's with the part. */
function otherLabel(field: string, t: Translate): string {
  const datePart = meetingDateParts[field];
  if (datePart) return `${t('respond.meetingDate.legend')} (${t(`respond.meetingDate.${datePart}`)})`;
  return t(`respond.${field}.${legendFields.has(field) ? 'legend' : 'label'}`);
}

/**
 * The fields where the stored draft differs from what this person typed, in the form's order,
 * so that after a refused save they can see what the other person saved and merge it by hand.
 */
export function draftDifferences(
  saved: FormValues,
  typed: FormValues,
  consultation: Consultation,
  t: Translate,
): DraftDifference[] {
  const labels = answerLabels(consultation);
  const fields = [...fieldOrder(consultation), 'meetingMonth', 'meetingYear'].filter((field) => field !== 'reports');
  return fields
    .filter((field) => (saved[field] ?? '').trim() !== (typed[field] ?? '').trim())
    .map((field) => ({
      field,
      label: labels.get(field) ?? otherLabel(field, t),
      saved: saved[field] ?? '',
    }));
}
