/**
 * The words a response is described in: who sent it, how it came, where its review stands, and
 * how much it may hold. Code and templates read these lists (templates from the view locals), so
 * that a word added here is offered, counted and named on every screen that lists them.
 */

import { maxEmailLength } from '../platform/vocabulary';

export const respondentTypes = ['individual', 'branch', 'clp', 'labour_group', 'affiliate'] as const;
export type RespondentType = (typeof respondentTypes)[number];

/** A response on behalf of a Branch, CLP, Labour Group or affiliate, not from one member: it names the group and the respondent's role in it. */
export function isGroupResponse(type: RespondentType): boolean {
  return type !== 'individual';
}

/** The respondent types whose form asks for the group's name and role, its meeting and its reports. */
export const groupRespondentTypes: readonly RespondentType[] = respondentTypes.filter(isGroupResponse);

/**
 * The groups that sit inside one constituency (a Branch, a CLP), so must name it rather than
 * respond as Wales-wide; a Labour Group or an affiliate may cover more than one.
 */
export const constituencyRespondentTypes = ['branch', 'clp'] as const satisfies readonly RespondentType[];

/** The answers to "May we quote your response?", as the forms offer them. */
export const consentAnswers = ['yes', 'no'] as const;

export const channels = ['web', 'email', 'post'] as const;
export type Channel = (typeof channels)[number];

/** How a response that an officer enters came, in the order the entry form offers them: letters are the more common. */
export const enteredChannels = ['post', 'email'] as const satisfies readonly Channel[];
export type EnteredChannel = (typeof enteredChannels)[number];

export const reviewStatuses = ['new', 'read', 'used', 'flagged'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** The most characters an officer's note on a response, and each of its tags, may hold. */
export const reviewLimits = { note: 10_000, tag: 40 } as const;

/**
 * The most a response may hold: characters in each field, people at a meeting, reports attached,
 * and bytes in each report.
 */
export const responseLimits = {
  name: 200,
  email: maxEmailLength,
  bodyName: 200,
  roleInBody: 100,
  answer: 50_000,
  attendance: 100_000,
  reports: 5,
  reportBytes: 10 * 1024 * 1024,
} as const;
