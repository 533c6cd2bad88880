import { walesWide } from '../consultation/consultation';
import { languages, locales, ownNames } from '../platform/vocabulary';
import { acceptedReportExtensions } from '../submissions/reports/fileInspector';
import { acceptedKindNames } from './acceptedKindNames';
import {
  channels,
  enteredChannels,
  groupRespondentTypes,
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
  locales,
  ownNames,
  respondentTypes,
  groupRespondentTypes,
  channels,
  enteredChannels,
  reviewStatuses,
  reviewLimits,
  walesWide,
  responseLimits,
  // The file chooser offers the kinds the portal accepts, as the inspector knows them.
  acceptedReportExtensions,
  acceptedKindNames,
} as const;
