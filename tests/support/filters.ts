import type { SubmissionFilter } from '../../server/submissions/submissionList';

/** The officer's list with no filter: every submission. */
export const noFilter: SubmissionFilter = {
  text: null,
  email: null,
  paper: null,
  respondentType: null,
  constituency: null,
  channel: null,
  hasReport: null,
  status: null,
  tag: null,
  language: null,
  receivedFrom: null,
  receivedTo: null,
};
