import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { logFailure } from '../../platform/logFailure';
import type { Services } from '../../services';
import type { FieldError } from '../../platform/forms/fieldError';
import type { AcceptedFile } from '../../submissions/reports/heldUploads';
import type { ResponseContent } from '../../submissions/submission';
import type { UploadRequest } from '../../submissions/reports/uploadService';
import { responseLimits } from '../../submissions/vocabulary';
import { filesWithoutNames, uploadedFiles } from './uploads';
import {
  allStrings,
  fieldOrder,
  firstString,
  readResponseForm,
  readTypedValues,
  type FormMode,
  type FormValues,
} from '../../submissions/responseForm';

export const reportsField = 'reports';

/** A response to show again: what was typed, what is wrong, and the reports kept for it. */
export interface FormToShowAgain {
  ok: false;
  values: FormValues;
  errors: FieldError[];
  heldId: string | null;
  heldFiles: AcceptedFile[];
}

export type ReceivedResponse =
  | {
      ok: true;
      content: ResponseContent;
      files: AcceptedFile[];
      formToken: string;
      values: FormValues;
      release: () => void;
      /** Keeps everything for the form shown again, when storing the response failed for now. */
      keepForRetry: () => FormToShowAgain;
    }
  | FormToShowAgain;

/** A response that cannot be stored, to show back to the person so that nothing they wrote is lost. */
export interface UnsentResponse {
  values: FormValues;
  /** The reports they attached, which are not kept. */
  reportNames: string[];
}

/** The form's one-time token as sent, if it is one the portal could have made. */
export function formTokenIn(body: Record<string, unknown>): string | null {
  const token = firstString(body.formToken);
  return /^[0-9a-f]{32}$/.test(token) ? token : null;
}

/** The reports a posted form sends or keeps, as the upload service reads them. */
export function uploadRequest(req: Request): UploadRequest {
  const body = req.body as Record<string, unknown>;
  return {
    visitorId: req.visitorId,
    heldId: allStrings(body.heldId)[0],
    removeStoredNames: allStrings(body.removeReport),
    received: uploadedFiles(req).map((file) =>
      file.refused
        ? { refused: file.refused, originalName: file.originalname }
        : { path: file.path, originalName: file.originalname, sizeBytes: file.size },
    ),
    filesWithoutNames: filesWithoutNames(req, reportsField),
  };
}

/**
 * The error for a form whose reports carried from a draft and newly sent together pass the limit;
 * none otherwise (a form with no carried reports is held to it as they arrive).
 */
export function tooManyReports(carried: readonly AcceptedFile[], arriving: readonly AcceptedFile[]): FieldError[] {
  return carried.length > 0 && carried.length + arriving.length > responseLimits.reports
    ? [{ field: reportsField, key: 'respond.errors.reports.tooMany', values: { max: responseLimits.reports } }]
    : [];
}

/**
 * Holds the reports for the form shown again. If even that fails, the form is still shown with
 * everything typed, and says the reports must be attached again.
 */
function holdReports({ uploads }: Services, visitorId: string, files: readonly AcceptedFile[]) {
  try {
    const kept = uploads.keep(visitorId, files, reportsField);
    return { heldId: kept.heldId, heldFiles: kept.files, errors: kept.errors };
  } catch (error) {
    logFailure('Keeping the reports of a form shown again', error);
    const errors: FieldError[] =
      files.length > 0 ? [{ field: reportsField, key: 'respond.errors.reports.notKept' }] : [];
    return { heldId: null, heldFiles: [], errors };
  }
}

/**
 * Reads a posted response with its reports: checks the files by content, validates the fields,
 * and on any problem keeps the good files for the form shown again. `otherErrors` are problems
 * the caller found in fields of its own, so that every problem is reported at once.
 */
export async function receiveResponse(
  req: Request,
  services: Services,
  mode: FormMode,
  otherErrors: FieldError[] = [],
  /** Only keep what was sent, to show the form again (in another language): no checks but the files'. */
  keepForLater = false,
  /** Reports the form carries from elsewhere (a saved draft's): they count, go with the response, and are never held. */
  carried: readonly AcceptedFile[] = [],
): Promise<ReceivedResponse> {
  const { uploads, consultation, clock } = services;
  const body = req.body as Record<string, unknown>;
  const request = uploadRequest(req);
  const accepted = await uploads.accept(request, reportsField);
  const form = readResponseForm(body, consultation, clock.now(), accepted.files.length + carried.length, mode);
  const order = fieldOrder(consultation);
  const fieldErrors = keepForLater ? [] : [...(form.ok ? [] : form.errors), ...otherErrors];
  const byField = (a: FieldError, b: FieldError) => order.indexOf(a.field) - order.indexOf(b.field);
  // The same form sent twice (a double click, a reload) is stored once: see SubmissionService.submit.
  const formToken = formTokenIn(body) ?? randomBytes(16).toString('hex');
  const values = { ...form.values, formToken };
  const showAgain = (errors: FieldError[]): FormToShowAgain => {
    const holding = holdReports(services, req.visitorId, accepted.files);
    return {
      ok: false,
      values,
      errors: [...errors, ...holding.errors].sort(byField),
      heldId: holding.heldId,
      heldFiles: holding.heldFiles,
    };
  };
  const errors = [...fieldErrors, ...accepted.errors];
  errors.push(...tooManyReports(carried, accepted.files));
  if (keepForLater || !form.ok || errors.length > 0) return showAgain(errors);
  return {
    ok: true,
    content: form.content,
    files: [...carried, ...accepted.files],
    formToken,
    values,
    release: () => uploads.release(req.visitorId, request.heldId),
    keepForRetry: () => showAgain([]),
  };
}

/**
 * Lets go of a response that cannot be stored, and returns what was typed to show back. Its
 * reports are not kept: they are named, so that the person knows which to send another way.
 */
export function abandonResponse(req: Request, { uploads, consultation }: Services): UnsentResponse {
  return {
    values: readTypedValues(req.body as Record<string, unknown>, consultation),
    reportNames: uploads.abandon(uploadRequest(req)),
  };
}
