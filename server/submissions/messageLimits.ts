import type { MessageValues } from '../platform/i18n/catalogue';
import { unpackedLimitBytes } from './reports/fileInspector';
import { responseLimits, reviewLimits } from './vocabulary';

/**
 * The limits the catalogue's messages state, by the placeholder each is written as: "Your name
 * must be {{maxName}} characters or fewer". A catalogue is made with these as its standing values,
 * so a limit changed here is the limit every message states, in each language's way of writing it.
 */
export const messageLimits = {
  maxName: { amount: responseLimits.name },
  maxEmail: { amount: responseLimits.email },
  maxBodyName: { amount: responseLimits.bodyName },
  maxRoleInBody: { amount: responseLimits.roleInBody },
  maxAnswer: { amount: responseLimits.answer },
  maxReports: { amount: responseLimits.reports },
  maxReportSize: { bytes: responseLimits.reportBytes },
  maxUnpackedSize: { bytes: unpackedLimitBytes },
  maxNote: { amount: reviewLimits.note },
  maxTag: { amount: reviewLimits.tag },
} as const satisfies MessageValues;
