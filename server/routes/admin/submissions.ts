import fs from 'node:fs';
import type { Router } from 'express';
import { z } from 'zod';
import type { SubmissionFilter, SubmissionQueries } from '../../db/submissionQueries';
import { NotFound } from '../../errors';
import type { Services } from '../../services';
import type { Actor } from '../../services/auditLog';
import { reviewStatuses } from '../../services/submission';
import { referencePattern, referenceTyped } from '../../services/referenceNumbers';
import { highlightSnippet } from './highlight';
import { encodeCursor, filterQueryString, readListView } from './listQuery';

const pageSize = 50;

const statusForm = z.object({ status: z.enum(reviewStatuses) });
const noteForm = z.object({ note: z.string().trim().min(1).max(10_000) });
const tagForm = z.object({ tag: z.string().trim().min(1).max(40) });

/** A search counts its matches up to here, then says "more than". */
const searchCountLimit = 10_000;

function matchCount(queries: SubmissionQueries, filter: SubmissionFilter): { total: number; moreThan: number | null } {
  if (filter.text === null) return { total: queries.count(filter), moreThan: null };
  const total = queries.countMatches(filter, searchCountLimit + 1);
  return { total, moreThan: total > searchCountLimit ? searchCountLimit : null };
}

/** The list of submissions, one submission with its review, its reports, and erasure. */
export function registerSubmissionRoutes(router: Router, services: Services): void {
  const { queries, reviews, erasure, officers, attachments, consultation } = services;

  const submissionPage = (reference: string) => `/admin/submissions/${encodeURIComponent(reference)}`;

  router.get('/submissions', (req, res) => {
    const view = readListView(req.query);
    // Respondents quote their reference or their email address: either goes straight to the response.
    const reference = view.filter.text === null ? null : referenceTyped(view.filter.text, consultation.referencePrefix);
    if (reference !== null && queries.hasReference(reference)) {
      res.redirect(303, submissionPage(reference));
      return;
    }
    const { rows, hasMore } = queries.page(view.filter, view.sort, pageSize, { after: view.after, before: view.before });
    const first = rows[0];
    const last = rows.at(-1);
    if (view.filter.email !== null && first && rows.length === 1 && !hasMore && !view.after && !view.before) {
      res.redirect(303, submissionPage(first.reference));
      return;
    }
    // Going back from a page that was reached backwards: there is more before if the query said so.
    const hasEarlier = view.before ? hasMore : view.after !== undefined;
    const hasLater = view.before ? true : hasMore;
    res.render('pages/admin/submissions', {
      view,
      rows,
      ...matchCount(queries, view.filter),
      tagCounts: reviews.tagCounts(consultation.slug),
      filterQuery: filterQueryString(view),
      highlightSnippet,
      erasedReference: typeof req.query.erased === 'string' && referencePattern.test(req.query.erased) ? req.query.erased : null,
      previousPage: hasEarlier && first ? filterQueryString(view, { before: encodeCursor({ key: first.sortKey, id: first.id }) }) : null,
      nextPage: hasLater && last ? filterQueryString(view, { after: encodeCursor({ key: last.sortKey, id: last.id }) }) : null,
    });
  });

  router.get('/submissions/:reference', (req, res) => {
    const view = readListView(req.query);
    const review = reviews.find(req.params.reference);
    res.render('pages/admin/submission', {
      ...review,
      view,
      filterQuery: filterQueryString(view),
      neighbours: queries.neighbours(view.filter, view.sort, review.submission.reference),
      tagCounts: reviews.tagCounts(consultation.slug),
      recorded: req.query.recorded === '1',
    });
  });

  const backToSubmission = (reference: string, query: unknown) =>
    `/admin/submissions/${encodeURIComponent(reference)}${filterQueryString(readListView(query))}`;

  /**
   * A review action posted from a submission's page: the form is read against its schema, the
   * change made as the signed-in officer, and the officer sent back to the submission. What to do
   * with a form that does not fit: 'ignore' it (a blank note or tag), or 'refuse' it with a 400
   * (a status the page could not have sent).
   */
  const reviewAction = <Form>(
    path: string,
    schema: z.ZodType<Form>,
    whenInvalid: 'ignore' | 'refuse',
    act: (reference: string, form: Form, actor: Actor) => void,
  ) => {
    router.post(`/submissions/:reference/${path}`, (req, res) => {
      const form = schema.safeParse(req.body);
      if (!form.success && whenInvalid === 'refuse') throw form.error;
      if (form.success) act(req.params.reference, form.data, officers.actorFor(res.locals.officer!));
      res.redirect(303, backToSubmission(req.params.reference, req.query));
    });
  };
  reviewAction('status', statusForm, 'refuse', (reference, { status }, actor) => reviews.setStatus(reference, status, actor));
  reviewAction('notes', noteForm, 'ignore', (reference, { note }, actor) => reviews.addNote(reference, note, actor));
  reviewAction('tags', tagForm, 'ignore', (reference, { tag }, actor) => reviews.addTag(reference, tag, actor));
  reviewAction('tags/remove', tagForm, 'ignore', (reference, { tag }, actor) => reviews.removeTag(reference, tag, actor));

  router.get('/submissions/:reference/reports/:position', (req, res) => {
    const { submission } = reviews.find(req.params.reference);
    const attachment = /^\d{1,3}$/.test(req.params.position) ? submission.attachments[Number(req.params.position)] : undefined;
    if (!attachment) throw new NotFound();
    const filePath = attachments.pathOf(attachment.storedName);
    if (!fs.existsSync(filePath)) throw new NotFound();
    res.attachment(attachment.originalName);
    res.type(attachment.mediaType);
    res.set('X-Content-Type-Options', 'nosniff');
    res.sendFile(filePath, { dotfiles: 'allow' });
  });

  router.get('/submissions/:reference/erase', (req, res) => {
    res.render('pages/admin/erase', { submission: reviews.find(req.params.reference).submission });
  });

  router.post('/submissions/:reference/erase', (req, res) => {
    erasure.erase(req.params.reference, officers.actorFor(res.locals.officer!));
    res.redirect(303, `/admin/submissions?erased=${encodeURIComponent(req.params.reference)}`);
  });
}
