import type { Statement } from 'better-sqlite3';
import type { Db } from '../platform/db/database';
import type { ReviewStatus } from './vocabulary';
import { groupBySubmission } from './submissionRows';

export interface Note {
  readonly id: number;
  readonly body: string;
  readonly createdAt: string;
  readonly author: string;
}

/** A tag officers have given, with how many responses carry it. */
export interface TagCount {
  readonly name: string;
  readonly count: number;
}

/** The officer's review of submissions: status, internal notes and tags. */
export class ReviewRepository {
  private readonly updateStatus: Statement<[ReviewStatus, number]>;
  private readonly updateNewToRead: Statement<[number]>;
  private readonly insertNote: Statement<[number, number, string, string]>;
  private readonly selectNotes: Statement<[number], Note>;
  private readonly insertTag: Statement<[string]>;
  private readonly selectTagId: Statement<[string], number>;
  private readonly tagSubmission: Statement<[number, number]>;
  private readonly untagSubmission: Statement<[number, string]>;
  private readonly selectTagsOf: Statement<[number], string>;
  private readonly selectTagsOfMany: Statement<[string], [submissionId: number, name: string]>;
  private readonly selectTagCounts: Statement<[string], TagCount>;
  private readonly deleteUnusedTags: Statement<[]>;

  constructor(private readonly db: Db) {
    this.updateStatus = db.prepare('UPDATE submissions SET status = ? WHERE id = ?');
    this.updateNewToRead = db.prepare("UPDATE submissions SET status = 'read' WHERE id = ? AND status = 'new'");
    this.insertNote = db.prepare('INSERT INTO notes (submission_id, officer_id, body, created_at) VALUES (?, ?, ?, ?)');
    this.selectNotes = db.prepare(`
      SELECT n.id, n.body, n.created_at AS createdAt, o.email AS author
      FROM notes n JOIN officers o ON o.id = n.officer_id WHERE n.submission_id = ? ORDER BY n.id`);
    this.insertTag = db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING');
    this.selectTagId = db.prepare('SELECT id FROM tags WHERE name = ?').pluck() as Statement<[string], number>;
    this.tagSubmission = db.prepare(
      'INSERT INTO submission_tags (submission_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.untagSubmission = db.prepare(
      'DELETE FROM submission_tags WHERE submission_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)',
    );
    this.selectTagsOf = db
      .prepare(
        'SELECT t.name FROM submission_tags st JOIN tags t ON t.id = st.tag_id WHERE st.submission_id = ? ORDER BY t.name COLLATE NOCASE',
      )
      .pluck() as Statement<[number], string>;
    this.selectTagsOfMany = db
      .prepare(
        `SELECT st.submission_id, t.name FROM submission_tags st JOIN tags t ON t.id = st.tag_id
         WHERE st.submission_id IN (SELECT value FROM json_each(?)) ORDER BY st.submission_id, t.name COLLATE NOCASE`,
      )
      .raw() as Statement<[string], [submissionId: number, name: string]>;
    this.selectTagCounts = db.prepare(`
      SELECT t.name, count(*) AS count FROM submission_tags st
      JOIN tags t ON t.id = st.tag_id JOIN submissions s ON s.id = st.submission_id
      WHERE s.consultation = ? GROUP BY t.id ORDER BY t.name COLLATE NOCASE`);
    this.deleteUnusedTags = db.prepare('DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM submission_tags)');
  }

  setStatus(submissionId: number, status: ReviewStatus): void {
    this.updateStatus.run(status, submissionId);
  }

  /** True if the submission was new and is now read; false if it was not new. */
  markRead(submissionId: number): boolean {
    return this.updateNewToRead.run(submissionId).changes > 0;
  }

  addNote(submissionId: number, officerId: number, body: string, at: Date): void {
    this.insertNote.run(submissionId, officerId, body, at.toISOString());
  }

  notesOf(submissionId: number): Note[] {
    return this.selectNotes.all(submissionId);
  }

  /** True if the tag was added; false if the submission already had it. */
  addTag(submissionId: number, name: string): boolean {
    return this.db.transaction(() => {
      this.insertTag.run(name);
      return this.tagSubmission.run(submissionId, this.selectTagId.get(name)!).changes > 0;
    })();
  }

  /** True if the tag was removed; false if the submission did not have it. */
  removeTag(submissionId: number, name: string): boolean {
    return this.db.transaction(() => {
      const removed = this.untagSubmission.run(submissionId, name).changes > 0;
      this.deleteUnusedTags.run();
      return removed;
    })();
  }

  /** Tags no submission carries any more, such as after an erasure. */
  removeUnusedTags(): void {
    this.deleteUnusedTags.run();
  }

  tagsOf(submissionId: number): string[] {
    return this.selectTagsOf.all(submissionId);
  }

  /** Each of these submissions' tags, ordered as `tagsOf` orders them; a submission without tags is left out. */
  tagsOfMany(submissionIds: readonly number[]): Map<number, string[]> {
    return groupBySubmission(this.selectTagsOfMany.all(JSON.stringify(submissionIds)), ([, name]) => name);
  }

  tagCounts(consultation: string): TagCount[] {
    return this.selectTagCounts.all(consultation);
  }
}
