import { z } from 'zod';
import { defaultSortOrder, sortOrders, type Cursor, type SortOrder, type SubmissionFilter } from './submissionList';
import { channels, respondentTypes, reviewStatuses } from './vocabulary';
import { languages } from '../platform/vocabulary';

/** The officer's current view of the list, read from the URL so it can be bookmarked and shared. */
export interface ListView {
  readonly filter: SubmissionFilter;
  readonly sort: SortOrder;
  readonly after: Cursor | undefined;
  readonly before: Cursor | undefined;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const text = z.string().trim().min(1).max(200);
// A long search is cut to its first 200 characters, not ignored.
const searchText = z
  .string()
  .trim()
  .min(1)
  .transform((value) => value.slice(0, 200));

// A value the portal does not recognise is ignored, as if that filter were not set.
const querySchema = z.object({
  q: optional(searchText),
  paper: optional(text),
  type: optional(z.enum(respondentTypes)),
  constituency: optional(text),
  channel: optional(z.enum(channels)),
  report: optional(z.enum(['yes', 'no'])),
  status: optional(z.enum(reviewStatuses)),
  tag: optional(text),
  language: optional(z.enum(languages)),
  from: optional(day),
  to: optional(day),
  sort: optional(z.enum(sortOrders)),
  after: optional(z.string().max(500)),
  before: optional(z.string().max(500)),
});

export const filterParameters = [
  'q',
  'paper',
  'type',
  'constituency',
  'channel',
  'report',
  'status',
  'tag',
  'language',
  'from',
  'to',
  'sort',
] as const;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  try {
    const [key, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    return typeof key === 'string' && Number.isInteger(id) ? { key, id: id as number } : undefined;
  } catch {
    return undefined;
  }
}

// The search box takes an email address too: the responses from that address, not the words in it.
const emailAddress = z.email();

export function readListView(query: unknown): ListView {
  const parsed = querySchema.parse(typeof query === 'object' && query !== null ? query : {});
  const searchedEmail = parsed.q !== undefined && emailAddress.safeParse(parsed.q).success ? parsed.q : null;
  return {
    filter: {
      text: searchedEmail === null ? (parsed.q ?? null) : null,
      email: searchedEmail,
      paper: parsed.paper ?? null,
      respondentType: parsed.type ?? null,
      constituency: parsed.constituency ?? null,
      channel: parsed.channel ?? null,
      hasReport: parsed.report === undefined ? null : parsed.report === 'yes',
      status: parsed.status ?? null,
      tag: parsed.tag ?? null,
      language: parsed.language ?? null,
      receivedFrom: parsed.from ?? null,
      receivedTo: parsed.to ?? null,
    },
    sort: parsed.sort ?? defaultSortOrder,
    after: decodeCursor(parsed.after),
    before: decodeCursor(parsed.before),
  };
}

/** The query string for the view's filter and sort (no page position), plus any extra parameters. */
export function filterQueryString(view: ListView, extra: Record<string, string> = {}): string {
  const { filter } = view;
  const values: Record<(typeof filterParameters)[number], string | null> = {
    q: filter.text ?? filter.email,
    paper: filter.paper,
    type: filter.respondentType,
    constituency: filter.constituency,
    channel: filter.channel,
    report: filter.hasReport === null ? null : filter.hasReport ? 'yes' : 'no',
    status: filter.status,
    tag: filter.tag,
    language: filter.language,
    from: filter.receivedFrom,
    to: filter.receivedTo,
    sort: view.sort === defaultSortOrder ? null : view.sort,
  };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== null) params.set(name, value);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}
