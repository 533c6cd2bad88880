/** How a stored submission comes out of the database: its columns, the raw values read, and the model made of them. */
import type { Answer, AttachmentRecord, StoredSubmission } from './submission';
import type { Channel, RespondentType } from './vocabulary';
import type { ReportRisk } from './reports/reportRisks';

/**
 * Submissions are read as plain arrays of values (better-sqlite3's raw mode): building a row
 * object column by column in the driver costs more than the query itself.
 */
export const submissionColumns = `
  id, reference, consultation, channel, language, respondent_type, name, email, body_name, role_in_body, constituency,
  anything_else, meeting_date, meeting_attendance, consent_quote, status, received_at, received_day, created_at, entered_by, form_token, sent_after_close`;

/** One submission's values, in the order of `submissionColumns`. */
export type SubmissionValues = [
  id: number,
  reference: string,
  consultation: string,
  channel: Channel,
  language: string,
  respondent_type: RespondentType,
  name: string,
  email: string | null,
  body_name: string | null,
  role_in_body: string | null,
  constituency: string,
  anything_else: string | null,
  meeting_date: string | null,
  meeting_attendance: number | null,
  consent_quote: number,
  status: StoredSubmission['status'],
  received_at: string,
  received_day: string,
  created_at: string,
  entered_by: number | null,
  form_token: string | null,
  sent_after_close: number,
];

export type AnswerValues = [
  submissionId: number,
  answerId: number,
  paper: string,
  section: string | null,
  body: string,
];
export type AttachmentValues = [
  submissionId: number,
  storedName: string,
  originalName: string,
  mediaType: string,
  sizeBytes: number,
  risk: ReportRisk | null,
];

export function toStoredSubmission(
  values: SubmissionValues,
  answers: readonly Answer[],
  attachments: readonly AttachmentRecord[],
): StoredSubmission {
  const [
    id,
    reference,
    consultation,
    channel,
    language,
    respondentType,
    name,
    email,
    bodyName,
    roleInBody,
    constituency,
    anythingElse,
    meetingDate,
    meetingAttendance,
    consentQuote,
    status,
    receivedAt,
    receivedDay,
    createdAt,
    enteredBy,
    formToken,
    sentAfterClose,
  ] = values;
  return {
    id,
    reference,
    consultation,
    channel,
    language,
    respondentType,
    name,
    email,
    bodyName,
    roleInBody,
    constituency,
    answers,
    anythingElse,
    meetingDate,
    meetingAttendance,
    consentToQuote: consentQuote === 1,
    status,
    receivedAt: new Date(receivedAt),
    receivedDay,
    createdAt: new Date(createdAt),
    enteredBy,
    formToken,
    sentAfterClose: sentAfterClose === 1,
    attachments,
  };
}

/** Rows whose first value is a submission id, grouped by it, each group in the order the rows came. */
export function groupBySubmission<Row extends readonly [number, ...unknown[]], Item>(
  rows: readonly Row[],
  toItem: (row: Row) => Item,
): Map<number, Item[]> {
  const groups = new Map<number, Item[]>();
  for (const row of rows) {
    const group = groups.get(row[0]);
    if (group) group.push(toItem(row));
    else groups.set(row[0], [toItem(row)]);
  }
  return groups;
}

/** A submission's answers in the order they were written, which is the order of their ids. */
export function inWrittenOrder(answers: AnswerValues[]): Answer[] {
  return answers
    .sort((first, second) => first[1] - second[1])
    .map(([, , paper, section, body]) => ({ paper, section, body }));
}
