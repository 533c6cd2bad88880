/** A response to the consultation, as the business rules and the repository speak of it. */

import type { ReportRisk } from './reports/reportRisks';
import type { Channel, RespondentType, ReviewStatus } from './vocabulary';

export interface Answer {
  readonly paper: string;
  /** Null for an answer to the paper as a whole. */
  readonly section: string | null;
  readonly body: string;
}

export interface AttachmentRecord {
  readonly storedName: string;
  readonly originalName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  /** What in the report could act when it is opened, found as it arrived; null for none. */
  readonly risk: ReportRisk | null;
}

/** What a respondent tells the portal, once it has passed validation. */
export interface ResponseContent {
  readonly respondentType: RespondentType;
  readonly name: string;
  readonly email: string | null;
  readonly bodyName: string | null;
  readonly roleInBody: string | null;
  readonly constituency: string;
  readonly answers: readonly Answer[];
  readonly anythingElse: string | null;
  readonly meetingDate: string | null;
  readonly meetingAttendance: number | null;
  readonly consentToQuote: boolean;
}

export interface NewSubmission extends ResponseContent {
  readonly reference: string;
  readonly consultation: string;
  readonly channel: Channel;
  /** The code of the language it was written in: one of platform/vocabulary's `languages`. */
  readonly language: string;
  readonly receivedAt: Date;
  /** The London calendar day of receivedAt, YYYY-MM-DD. */
  readonly receivedDay: string;
  readonly createdAt: Date;
  /** The officer who entered a response that came by email or post. */
  readonly enteredBy: number | null;
  /** The web form's one-time token. */
  readonly formToken: string | null;
  /** Sent from the web form after the close, within the grace period, from a form opened before it. */
  readonly sentAfterClose: boolean;
  readonly attachments: readonly AttachmentRecord[];
}

export interface StoredSubmission extends NewSubmission {
  readonly id: number;
  readonly status: ReviewStatus;
}
