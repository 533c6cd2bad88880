import { z } from 'zod';
import type { FieldError } from '../../platform/forms/fieldError';
import type { ReviewChange } from './reviewService';
import { reviewLimits, reviewStatuses, type ReviewStatus } from '../../submissions/vocabulary';
import { allStrings, firstString } from '../../submissions/responseForm';

/** What the officer typed and ticked on a submission's review, to show again if it cannot be saved. */
export interface ReviewValues {
  readonly status: ReviewStatus;
  /**
   * The status the page showed when it was opened: a status the officer left as it was is not
   * saved, so that it cannot undo another officer's change made meanwhile. Null if not sent.
   */
  readonly statusShown: ReviewStatus | null;
  readonly note: string;
  readonly tags: string;
  readonly removeTags: readonly string[];
}

// The page only offers these, so anything else is refused rather than explained.
const statusField = z.enum(reviewStatuses);

/** The tags typed into one box, separated by commas, each once whatever its case. */
function typedTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return tags.filter((tag, index) => tags.findIndex((other) => other.toLowerCase() === tag.toLowerCase()) === index);
}

/** Reads the review form: status, a new note, tags to add and tags to remove, saved with one button. */
export function readReviewForm(body: Record<string, unknown>): {
  values: ReviewValues;
  errors: FieldError[];
  change: ReviewChange | null;
} {
  const values: ReviewValues = {
    status: statusField.parse(firstString(body.status)),
    statusShown: statusField
      .nullable()
      .catch(null)
      .parse(firstString(body.statusShown) || null),
    note: firstString(body.note),
    tags: firstString(body.tags),
    removeTags: allStrings(body.removeTag),
  };
  const errors: FieldError[] = [];
  const addTags = typedTags(values.tags);
  const tooLong = addTags.find((tag) => tag.length > reviewLimits.tag);
  if (tooLong !== undefined)
    errors.push({ field: 'tags', key: 'admin.submission.errors.tagTooLong', values: { tag: tooLong } });
  const note = values.note.trim();
  if (note.length > reviewLimits.note) errors.push({ field: 'note', key: 'admin.submission.errors.noteTooLong' });
  if (errors.length > 0) return { values, errors, change: null };
  const status = values.status === values.statusShown ? null : values.status;
  return {
    values,
    errors,
    change: { status, note: note === '' ? null : note, addTags, removeTags: values.removeTags },
  };
}
