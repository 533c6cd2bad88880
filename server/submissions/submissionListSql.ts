/** The SQL of the officer's list: its sort orders, its filter as a WHERE clause, and the full-text query. */
import type { Cursor, SortOrder, SubmissionFilter } from './submissionList';

export const sortSql: Record<SortOrder, { key: string; direction: 'ASC' | 'DESC' }> = {
  newest: { key: 's.received_at', direction: 'DESC' },
  oldest: { key: 's.received_at', direction: 'ASC' },
  name: { key: 's.name COLLATE NOCASE', direction: 'ASC' },
};

const largestSearchKey = 2n ** 63n - 1n;

/** The search key a cursor holds, or null if it holds none (a cursor of another list, or made up). */
export function searchKeyOf(cursor: Cursor | undefined): bigint | null {
  if (!cursor || !/^\d{1,19}$/.test(cursor.key)) return null;
  const key = BigInt(cursor.key);
  return key <= largestSearchKey ? key : null;
}

/**
 * Turns what the officer typed into an FTS5 query that cannot be a syntax error: each word is
 * quoted, so all must match; a word ending in * matches as a prefix.
 */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}'’*-]+/gu) ?? [];
  const terms = words
    .map((word) => {
      const prefix = word.endsWith('*');
      const bare = word.replace(/\*/g, '').replace(/"/g, '""');
      return bare === '' ? '' : `"${bare}"${prefix ? '*' : ''}`;
    })
    .filter((term) => term !== '');
  return terms.length > 0 ? terms.join(' ') : null;
}

interface WhereClause {
  readonly sql: string;
  readonly params: Record<string, string | number>;
}

export function whereClause(consultation: string, filter: SubmissionFilter): WhereClause {
  const conditions = ['s.consultation = @consultation'];
  const params: Record<string, string | number> = { consultation };
  const equalTo = (column: string, name: string, value: string | null) => {
    if (value === null) return;
    conditions.push(`${column} = @${name}`);
    params[name] = value;
  };
  equalTo('s.respondent_type', 'respondentType', filter.respondentType);
  equalTo('s.constituency', 'constituency', filter.constituency);
  equalTo('s.channel', 'channel', filter.channel);
  equalTo('s.status', 'status', filter.status);
  equalTo('s.language', 'language', filter.language);
  if (filter.email !== null) {
    conditions.push('s.email = @email COLLATE NOCASE');
    params.email = filter.email;
  }
  if (filter.receivedFrom) {
    conditions.push('s.received_day >= @receivedFrom');
    params.receivedFrom = filter.receivedFrom;
  }
  if (filter.receivedTo) {
    conditions.push('s.received_day <= @receivedTo');
    params.receivedTo = filter.receivedTo;
  }
  if (filter.hasReport !== null) {
    conditions.push('s.has_report = @hasReport');
    params.hasReport = filter.hasReport ? 1 : 0;
  }
  if (filter.paper) {
    conditions.push('EXISTS (SELECT 1 FROM answers an WHERE an.submission_id = s.id AND an.paper = @paper)');
    params.paper = filter.paper;
  }
  if (filter.tag) {
    conditions.push(
      'EXISTS (SELECT 1 FROM submission_tags st JOIN tags t ON t.id = st.tag_id WHERE st.submission_id = s.id AND t.name = @tag)',
    );
    params.tag = filter.tag;
  }
  if (filter.text !== null) {
    const match = ftsQuery(filter.text);
    // A search with no words in it (only punctuation, say) matches nothing, rather than everything.
    conditions.push(
      match ? 's.search_key IN (SELECT rowid FROM submission_search WHERE submission_search MATCH @match)' : '0',
    );
    if (match) params.match = match;
  }
  return { sql: conditions.join(' AND '), params };
}

/** Whether the filter uses only columns that daily_counts (migrations 0004 and 0005) has. */
export function isCountedByDay(filter: SubmissionFilter): boolean {
  return (
    filter.text === null &&
    filter.email === null &&
    filter.paper === null &&
    filter.constituency === null &&
    filter.tag === null
  );
}

export const listColumns = `
  s.id, s.reference, s.received_at AS receivedAt, s.sent_after_close AS sentAfterClose, s.channel, s.language, s.respondent_type AS respondentType,
  s.name, s.body_name AS bodyName, s.constituency, s.status,
  (SELECT count(*) FROM attachments a WHERE a.submission_id = s.id) AS attachmentCount,
  (SELECT group_concat(DISTINCT an.paper) FROM answers an WHERE an.submission_id = s.id) AS papers,
  (SELECT group_concat(t.name, ', ') FROM submission_tags st JOIN tags t ON t.id = st.tag_id WHERE st.submission_id = s.id) AS tags`;
