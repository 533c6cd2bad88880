import type { Statement } from 'better-sqlite3';
import type { Db } from '../platform/db/database';
import {
  snippetEnd,
  snippetStart,
  type Cursor,
  type SortOrder,
  type SubmissionFilter,
  type SubmissionListRow,
} from './submissionList';
import { ftsQuery, isCountedByDay, listColumns, searchKeyOf, sortSql, whereClause } from './submissionListSql';

/** Finds submissions for the officer: filtered, searched, sorted, a page at a time by keyset. */
export class SubmissionListRepository {
  private readonly selectReference: Statement<[string], { found: 1 }>;

  constructor(
    private readonly db: Db,
    private readonly consultation: string,
  ) {
    this.selectReference = db.prepare('SELECT 1 AS found FROM submissions WHERE reference = ?');
  }

  /**
   * One page of rows after `after` (or before `before`), in the sort order. Asks for one row
   * more than the page, to know whether there is another page.
   */
  page(
    filter: SubmissionFilter,
    sort: SortOrder,
    pageSize: number,
    position: { after?: Cursor; before?: Cursor } = {},
  ): { rows: SubmissionListRow[]; hasMore: boolean } {
    const match = filter.text === null ? null : ftsQuery(filter.text);
    if (match && sort !== 'name') return this.searchPage(filter, match, sort, pageSize, position);
    const { key, direction } = sortSql[sort];
    const where = whereClause(this.consultation, filter);
    const backwards = position.before !== undefined;
    const cursor = position.before ?? position.after;
    const scanDirection = backwards ? (direction === 'ASC' ? 'DESC' : 'ASC') : direction;
    const comparison = scanDirection === 'ASC' ? '>' : '<';
    const cursorCondition = cursor ? ` AND (${key}, s.id) ${comparison} (@cursorKey, @cursorId)` : '';
    const rows = this.db
      .prepare(
        `SELECT ${listColumns}, ${key.replace(' COLLATE NOCASE', '')} AS sortKey FROM submissions s
         WHERE ${where.sql}${cursorCondition}
         ORDER BY ${key} ${scanDirection}, s.id ${scanDirection} LIMIT @limit`,
      )
      .all({
        ...where.params,
        ...(cursor ? { cursorKey: cursor.key, cursorId: cursor.id } : {}),
        limit: pageSize + 1,
      }) as SubmissionListRow[];
    return this.pageFrom(rows, pageSize, backwards, match);
  }

  /**
   * A page of a search, in the order responses were received. The search index drives the query,
   * walking its matches from the newest and stopping at a page: ranking or sorting every match of
   * a common word (three quarters of a million rows at a million responses) is what makes such
   * searches slow. Its rowids are the submissions' search keys, which sort as received_at does.
   */
  private searchPage(
    filter: SubmissionFilter,
    match: string,
    sort: Exclude<SortOrder, 'name'>,
    pageSize: number,
    position: { after?: Cursor; before?: Cursor },
  ): { rows: SubmissionListRow[]; hasMore: boolean } {
    const where = whereClause(this.consultation, { ...filter, text: null });
    const backwards = position.before !== undefined;
    const cursor = position.before ?? position.after;
    const ascending = (sort === 'oldest') !== backwards;
    const cursorKey = searchKeyOf(cursor);
    const cursorCondition = cursorKey === null ? '' : ` AND f.rowid ${ascending ? '>' : '<'} @cursorKey`;
    const rows = this.db
      .prepare(
        `SELECT ${listColumns}, CAST(s.search_key AS TEXT) AS sortKey
         FROM submission_search f JOIN submissions s ON s.search_key = f.rowid
         WHERE f.submission_search MATCH @match AND ${where.sql}${cursorCondition}
         ORDER BY f.rowid ${ascending ? 'ASC' : 'DESC'} LIMIT @limit`,
      )
      .all({
        ...where.params,
        match,
        ...(cursorKey === null ? {} : { cursorKey }),
        limit: pageSize + 1,
      }) as SubmissionListRow[];
    return this.pageFrom(rows, pageSize, backwards, match);
  }

  /** The page in the list's order from rows read with one extra (to know whether there is more), with search snippets. */
  private pageFrom(
    rows: SubmissionListRow[],
    pageSize: number,
    backwards: boolean,
    match: string | null,
  ): { rows: SubmissionListRow[]; hasMore: boolean } {
    const pageRows = rows.slice(0, pageSize);
    if (backwards) pageRows.reverse();
    if (match) this.addSnippets(pageRows, match);
    return { rows: pageRows, hasMore: rows.length > pageSize };
  }

  /**
   * How many submissions match a search, counted up to `limit`: a common word matches most of a
   * million responses, and counting them all would cost more than finding the page.
   */
  countMatches(filter: SubmissionFilter, limit: number): number {
    const match = filter.text === null ? null : ftsQuery(filter.text);
    if (!match) return this.count(filter);
    const where = whereClause(this.consultation, { ...filter, text: null });
    return this.db
      .prepare(
        `SELECT count(*) FROM (SELECT 1 FROM submission_search f JOIN submissions s ON s.search_key = f.rowid
         WHERE f.submission_search MATCH @match AND ${where.sql} LIMIT @limit)`,
      )
      .pluck()
      .get({ ...where.params, match, limit }) as number;
  }

  /**
   * How many submissions match the filter. A filter on only what the running counts break down
   * by (type, channel, status, language, days, whether it has a report) is summed from them:
   * counting the rows of a million-row table takes tens of milliseconds on every page of the list.
   */
  count(filter: SubmissionFilter): number {
    const where = whereClause(this.consultation, filter);
    if (isCountedByDay(filter)) {
      return this.db
        .prepare(`SELECT coalesce(sum(submissions), 0) FROM daily_counts s WHERE ${where.sql}`)
        .pluck()
        .get(where.params) as number;
    }
    return (
      this.db.prepare(`SELECT count(*) AS total FROM submissions s WHERE ${where.sql}`).get(where.params) as {
        total: number;
      }
    ).total;
  }

  /** The references either side of a submission in the filtered, sorted list. */
  neighbours(
    filter: SubmissionFilter,
    sort: SortOrder,
    reference: string,
  ): { previous: string | null; next: string | null } {
    const walksSearchIndex = sort !== 'name' && filter.text !== null && ftsQuery(filter.text) !== null;
    const key = walksSearchIndex ? 'CAST(s.search_key AS TEXT)' : sortSql[sort].key.replace(' COLLATE NOCASE', '');
    const current = this.db
      .prepare(`SELECT ${key} AS sortKey, s.id FROM submissions s WHERE s.reference = ?`)
      .get(reference) as { sortKey: string; id: number } | undefined;
    if (!current) return { previous: null, next: null };
    const cursor = { key: current.sortKey, id: current.id };
    const [previous] = this.page(filter, sort, 1, { before: cursor }).rows;
    const [next] = this.page(filter, sort, 1, { after: cursor }).rows;
    return { previous: previous?.reference ?? null, next: next?.reference ?? null };
  }

  /**
   * The ids of every submission matching the filter, in order, for exports, a batch at a time.
   * Each batch is read whole by keyset: an open better-sqlite3 iterator would block every write on
   * the connection (new responses included) for as long as a slow download takes.
   */
  *matchingIdBatches(filter: SubmissionFilter, sort: SortOrder, batchSize = 1000): Generator<number[]> {
    const { key, direction } = sortSql[sort];
    const where = whereClause(this.consultation, filter);
    const comparison = direction === 'ASC' ? '>' : '<';
    const sortKey = key.replace(' COLLATE NOCASE', '');
    // Only the last id's sort key is needed, for the next batch's cursor: reading every one would
    // make a million strings for nothing.
    const first = this.db
      .prepare(
        `SELECT s.id FROM submissions s WHERE ${where.sql} ORDER BY ${key} ${direction}, s.id ${direction} LIMIT @limit`,
      )
      .pluck();
    const following = this.db
      .prepare(
        `SELECT s.id FROM submissions s WHERE ${where.sql} AND (${key}, s.id) ${comparison} (@cursorKey, @cursorId)
         ORDER BY ${key} ${direction}, s.id ${direction} LIMIT @limit`,
      )
      .pluck();
    const sortKeyOf = this.db.prepare(`SELECT ${sortKey} FROM submissions s WHERE s.id = ?`).pluck() as Statement<
      [number],
      string
    >;
    // The cursor's key is read in the same turn as its batch, before the consumer can wait and an
    // erasure can remove the row.
    const withCursor = (ids: number[]) => ({
      ids,
      cursorId: ids.at(-1)!,
      cursorKey: ids.length === batchSize ? sortKeyOf.get(ids.at(-1)!) : undefined,
    });
    let batch = withCursor(first.all({ ...where.params, limit: batchSize }) as number[]);
    while (batch.ids.length > 0) {
      yield batch.ids;
      if (batch.cursorKey === undefined) return;
      batch = withCursor(
        following.all({
          ...where.params,
          cursorKey: batch.cursorKey,
          cursorId: batch.cursorId,
          limit: batchSize,
        }) as number[],
      );
    }
  }

  /** Whether a submission has this reference. */
  hasReference(reference: string): boolean {
    return this.selectReference.get(reference) !== undefined;
  }

  private addSnippets(rows: SubmissionListRow[], match: string): void {
    if (rows.length === 0) return;
    const snippets = this.db
      .prepare(
        // CROSS JOIN keeps this order: the page's rows first, then each one's entry, rather than every match.
        `SELECT s.id, snippet(submission_search, -1, '${snippetStart}', '${snippetEnd}', '…', 24) AS snippet
         FROM submissions s CROSS JOIN submission_search
         WHERE s.id IN (SELECT value FROM json_each(@ids)) AND submission_search.rowid = s.search_key AND submission_search MATCH @match`,
      )
      .all({ match, ids: JSON.stringify(rows.map((row) => row.id)) }) as { id: number; snippet: string }[];
    const snippetById = new Map(snippets.map((entry) => [entry.id, entry.snippet]));
    for (const row of rows) {
      const snippet = snippetById.get(row.id);
      if (snippet !== undefined) row.snippet = snippet;
    }
  }
}
