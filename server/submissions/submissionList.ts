import type { Channel, RespondentType, ReviewStatus } from './vocabulary';
import type { Language } from '../platform/vocabulary';

/** What the officer's list is narrowed to. Every field is optional: null means "any". */
export interface SubmissionFilter {
  readonly text: string | null;
  /** The respondent's email address, matched whole and without regard to case. */
  readonly email: string | null;
  readonly paper: string | null;
  readonly respondentType: RespondentType | null;
  readonly constituency: string | null;
  readonly channel: Channel | null;
  readonly hasReport: boolean | null;
  readonly status: ReviewStatus | null;
  readonly tag: string | null;
  readonly language: Language | null;
  /** London days, YYYY-MM-DD, inclusive. */
  readonly receivedFrom: string | null;
  readonly receivedTo: string | null;
}

export const sortOrders = ['newest', 'oldest', 'name'] as const;
export type SortOrder = (typeof sortOrders)[number];

/** The order the list is in unless the officer chooses another, which its address then says. */
export const defaultSortOrder: SortOrder = 'newest';

/**
 * A place in the sorted list: the sort key and id of the row next to it. In a search walked by the
 * search index, the key is the submission's search key (migration 0009), written out in digits.
 */
export interface Cursor {
  readonly key: string;
  readonly id: number;
}

export interface SubmissionListRow {
  readonly id: number;
  readonly reference: string;
  readonly receivedAt: string;
  /** 1 when sent from the web form after the close, in the grace period. */
  readonly sentAfterClose: 0 | 1;
  readonly channel: Channel;
  readonly language: string;
  readonly respondentType: RespondentType;
  readonly name: string;
  readonly bodyName: string | null;
  readonly constituency: string;
  readonly status: ReviewStatus;
  readonly attachmentCount: number;
  readonly papers: string | null;
  readonly tags: string | null;
  readonly sortKey: string;
  /** With a text search: the best matching passage, with matches between `snippetStart` and `snippetEnd`. */
  snippet?: string;
}

/** Where a search snippet's match starts and ends: control characters no response can contain. */
export const snippetStart = '\u0001';
export const snippetEnd = '\u0002';
