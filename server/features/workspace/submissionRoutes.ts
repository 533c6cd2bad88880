import type { Request, Response, Router } from 'express';
import { NotFound } from '../../platform/errors';
import { officerWording } from './officerWording';
import type { I18n } from '../../web/setUpI18n';
import type { Services } from '../../services';
import type { FieldError } from '../../platform/forms/fieldError';
import type { SubmissionUnderReview } from './reviewService';
import { referencePattern, referenceTyped } from '../../submissions/referenceNumbers';
import { responseSummary } from '../../submissions/responseSummary';
import { highlightSnippet } from './highlight';
import { encodeCursor, filterQueryString, readListView } from '../../submissions/listQuery';
import { readReviewForm, type ReviewValues } from './reviewForm';

const pageSize = 50;

/** The list of submissions, one submission with its review, its reports, and erasure. */
export function registerSubmissionRoutes(router: Router, services: Services, i18n: I18n): void {
  const { submissionList, reviews, erasure, officers, exports, consultation } = services;

  const submissionPage = (reference: string) => `/admin/submissions/${encodeURIComponent(reference)}`;

  router.get('/submissions', (req, res) => {
    const view = readListView(req.query);
    // Respondents quote their reference or their email address: either goes straight to the response.
    const reference = view.filter.text === null ? null : referenceTyped(view.filter.text, consultation.referencePrefix);
    if (reference !== null && submissionList.hasReference(reference)) {
      res.redirect(303, submissionPage(reference));
      return;
    }
    const { rows, hasMore, total, moreThan } = submissionList.page(view, pageSize);
    const first = rows[0];
    const last = rows.at(-1);
    if (view.filter.email !== null && first && rows.length === 1 && !hasMore && !view.after && !view.before) {
      res.redirect(303, submissionPage(first.reference));
      return;
    }
    // Going back from a page that was reached backwards: there is more before if the query said so.
    const hasEarlier = view.before ? hasMore : view.after !== undefined;
    const hasLater = view.before ? true : hasMore;
    res.render('workspace/submissions', {
      view,
      rows,
      total,
      moreThan,
      tagCounts: submissionList.tagCounts(),
      filterQuery: filterQueryString(view),
      highlightSnippet,
      erasedReference:
        typeof req.query.erased === 'string' && referencePattern.test(req.query.erased) ? req.query.erased : null,
      previousPage:
        hasEarlier && first
          ? filterQueryString(view, { before: encodeCursor({ key: first.sortKey, id: first.id }) })
          : null,
      nextPage:
        hasLater && last ? filterQueryString(view, { after: encodeCursor({ key: last.sortKey, id: last.id }) }) : null,
    });
  });

  /** A submission's page, with its review as saved or, when it could not be saved, as the officer left it. */
  const renderSubmission = (
    req: Request,
    res: Response,
    review: SubmissionUnderReview,
    form: { values: ReviewValues; errors: FieldError[] },
  ) => {
    const view = readListView(req.query);
    const t = officerWording(res.locals.t);
    res.status(form.errors.length > 0 ? 400 : 200).render('workspace/submission', {
      t,
      ...review,
      summary: responseSummary(review.submission, { ...res.locals, t }, 'officer'),
      ...form,
      errorsByField: new Map(form.errors.map((error) => [error.field, error])),
      view,
      filterQuery: filterQueryString(view),
      neighbours: submissionList.neighbours(view, review.submission.reference),
      tagCounts: submissionList.tagCounts(),
      recorded: req.query.recorded === '1',
      saved: req.query.saved === '1',
    });
  };

  router.get('/submissions/:reference', (req, res) => {
    // Just after a save, the status is the one the officer chose, even "new".
    const review =
      req.query.saved === '1'
        ? reviews.find(req.params.reference)
        : reviews.open(req.params.reference, officers.actorFor(res.locals.officer!));
    const { status } = review.submission;
    const values: ReviewValues = { status, statusShown: status, note: '', tags: '', removeTags: [] };
    renderSubmission(req, res, review, { values, errors: [] });
  });

  // One form, one "Save": the status, a note and tags are saved together, or shown again with what to fix.
  router.post('/submissions/:reference/review', (req, res) => {
    const switching = i18n.applyFormSwitch(req, res);
    const form = readReviewForm(req.body as Record<string, unknown>);
    if (switching || form.change === null) {
      renderSubmission(req, res, reviews.find(req.params.reference), {
        values: form.values,
        errors: switching ? [] : form.errors,
      });
      return;
    }
    reviews.save(req.params.reference, form.change, officers.actorFor(res.locals.officer!));
    res.redirect(
      303,
      `${submissionPage(req.params.reference)}${filterQueryString(readListView(req.query), { saved: '1' })}#review`,
    );
  });

  router.get('/submissions/:reference/reports/:position', (req, res) => {
    if (!/^\d{1,3}$/.test(req.params.position)) throw new NotFound();
    const report = exports.report(
      req.params.reference,
      Number(req.params.position),
      officers.actorFor(res.locals.officer!),
    );
    res.attachment(report.originalName);
    res.type(report.mediaType);
    res.set('X-Content-Type-Options', 'nosniff');
    res.sendFile(report.path, { dotfiles: 'allow' });
  });

  router.get('/submissions/:reference/erase', (req, res) => {
    res.render('workspace/erase', { submission: reviews.find(req.params.reference).submission });
  });

  router.post('/submissions/:reference/erase', (req, res) => {
    erasure.erase(req.params.reference, officers.actorFor(res.locals.officer!));
    res.redirect(303, `/admin/submissions?erased=${encodeURIComponent(req.params.reference)}`);
  });
}
