import { walesWide } from '../consultation/consultation';
import { defaultLanguage, languages, locales, ownNames } from '../platform/vocabulary';
import { defaultSortOrder, sortOrders } from '../submissions/submissionList';
import { acceptedReportExtensions } from '../submissions/reports/fileInspector';
import { acceptedKindNames } from './acceptedKindNames';
import {
  channels,
  consentAnswers,
  enteredChannels,
  groupRespondentTypes,
  isGroupResponse,
  respondentTypes,
  responseLimits,
  reviewLimits,
  reviewStatuses,
} from '../submissions/vocabulary';

/**
 * The portal's vocabulary as every page's template reads it, from the app's locals: a template
 * offers, counts and names the words in these lists, and never writes a list out itself.
 */
export const viewVocabulary = {
  languages,
  defaultLanguage,
  locales,
  ownNames,
  respondentTypes,
  groupRespondentTypes,
  isGroupResponse,
  consentAnswers,
  channels,
  enteredChannels,
  reviewStatuses,
  reviewLimits,
  walesWide,
  sortOrders,
  defaultSortOrder,
  responseLimits,
  // The file chooser offers the kinds the portal accepts, as the inspector knows them.
  acceptedReportExtensions,
  acceptedKindNames,
} as const;
