import type { SubmissionFilter } from '../../submissions/submissionList';
import type { Language } from '../../platform/vocabulary';

/** Longest a part taken from the filter may be, and the name before its date and extension. */
const longestPart = 30;
const longestStem = 100;
const languageNames: Readonly<Record<Language, string>> = { en: 'english', cy: 'welsh' };

/** Lower-case ASCII letters, digits and single hyphens: safe in a file name on every system and in a header. */
function safePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, longestPart)
    .replace(/^-+|-+$/g, '');
}

/** The filter's parts of the name, in a fixed order, each saying which filter it is. */
function filterParts(filter: SubmissionFilter): string[] {
  const {
    respondentType,
    constituency,
    paper,
    channel,
    hasReport,
    status,
    tag,
    language,
    receivedFrom,
    receivedTo,
    text,
  } = filter;
  return [
    respondentType,
    constituency,
    paper,
    channel,
    hasReport === null ? null : hasReport ? 'with-reports' : 'without-reports',
    status && `status-${status}`,
    tag && `tag-${tag}`,
    language && languageNames[language],
    receivedFrom && `from-${receivedFrom}`,
    receivedTo && `to-${receivedTo}`,
    text && `search-${text}`,
  ]
    .filter((part): part is string => typeof part === 'string')
    .map(safePart)
    .filter((part) => part !== '');
}

/**
 * A download's name that says what made it: `stage-2-responses-clp-gower-2026-12-06.csv` for the
 * CLPs of Gower, exported on 6 December. Parts that would make it too long are left off the end.
 */
export function exportFileName(
  consultation: string,
  contents: 'responses' | 'reports',
  filter: SubmissionFilter,
  londonToday: string,
  extension: string,
): string {
  let stem = [safePart(consultation), contents].join('-');
  for (const part of filterParts(filter)) {
    if (stem.length + 1 + part.length > longestStem) break;
    stem = `${stem}-${part}`;
  }
  return `${stem}-${londonToday}.${extension}`;
}
