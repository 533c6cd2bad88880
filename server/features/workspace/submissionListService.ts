import type { Consultation } from '../../consultation/consultation';
import type { ListView } from '../../submissions/listQuery';
import type { ReviewRepository, TagCount } from '../../submissions/reviewRepository';
import type { SubmissionFilter, SubmissionListRow } from '../../submissions/submissionList';
import type { SubmissionListRepository } from '../../submissions/submissionListRepository';

/** A search counts its matches up to here, then says "more than". */
const searchCountLimit = 10_000;

export interface SubmissionListDependencies {
  readonly consultation: Consultation;
  readonly queries: SubmissionListRepository;
  readonly reviews: ReviewRepository;
}

export interface SubmissionListPage {
  readonly rows: SubmissionListRow[];
  readonly hasMore: boolean;
  /** How many submissions the view matches; with a search, counted only up to a limit. */
  readonly total: number;
  /** With a search that matches more than the limit, the limit: "more than 10,000". */
  readonly moreThan: number | null;
}

/** The officer's list of submissions: filtered, searched, sorted and paged, with the tags to filter by. */
export class SubmissionListService {
  constructor(private readonly deps: SubmissionListDependencies) {}

  /** Whether a submission has this reference, so that a search for it can go straight there. */
  hasReference(reference: string): boolean {
    return this.deps.queries.hasReference(reference);
  }

  page(view: ListView, pageSize: number): SubmissionListPage {
    const { rows, hasMore } = this.deps.queries.page(view.filter, view.sort, pageSize, {
      after: view.after,
      before: view.before,
    });
    return { rows, hasMore, ...this.matchCount(view.filter) };
  }

  /** The references either side of a submission in the view's list. */
  neighbours(view: ListView, reference: string): { previous: string | null; next: string | null } {
    return this.deps.queries.neighbours(view.filter, view.sort, reference);
  }

  tagCounts(): TagCount[] {
    return this.deps.reviews.tagCounts(this.deps.consultation.slug);
  }

  private matchCount(filter: SubmissionFilter): { total: number; moreThan: number | null } {
    const { queries } = this.deps;
    if (filter.text === null) return { total: queries.count(filter), moreThan: null };
    const total = queries.countMatches(filter, searchCountLimit + 1);
    return { total, moreThan: total > searchCountLimit ? searchCountLimit : null };
  }
}
