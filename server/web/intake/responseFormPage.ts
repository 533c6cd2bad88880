import type { Response } from 'express';
import type { FieldError } from '../../platform/forms/fieldError';
import type { AcceptedFile } from '../../submissions/reports/heldUploads';
import { answerField, type FormValues } from '../../submissions/responseForm';
import { typedResponseSummary } from '../../submissions/responseSummary';
import type { UnsentResponse } from './receiveResponse';

/** The server draft a response form was opened from, which it carries from page to page. */
export interface DraftReference {
  readonly token: string;
  readonly version: number;
}

export interface FormPage {
  values: FormValues;
  errors: FieldError[];
  heldId: string | null;
  /** The reports the form carries: the draft's, then those held for it. */
  heldFiles: readonly AcceptedFile[];
  /** Set when the portal could not store the response for now: the message for the error summary. */
  problemKey?: string;
  draft?: DraftReference | null;
}

/**
 * Shows the public response form: with a 400 when it has errors, a 503 when it could not be
 * stored. `conflict` is what the form shows above it when a draft's save was refused, with 409.
 */
export function renderResponseForm(res: Response, page: FormPage, conflict: object | null = null): void {
  const errorsByField = new Map<string, FieldError>();
  for (const error of page.errors) if (!errorsByField.has(error.field)) errorsByField.set(error.field, error);
  const status = conflict ? 409 : page.problemKey ? 503 : page.errors.length > 0 ? 400 : 200;
  res.status(status).render('respond/form', {
    ...page,
    conflict,
    problemKey: page.problemKey ?? null,
    draft: page.draft ?? null,
    errorsByField,
    answerField,
  });
}

/** The closed page, with everything the person wrote when their response could not be accepted. */
export function renderClosedPage(res: Response, unsent: UnsentResponse | null): void {
  res.status(unsent ? 403 : 200).render('respond/closed', {
    unsent,
    summary: unsent ? typedResponseSummary(unsent.values, res.locals, res.locals.language) : null,
  });
}
