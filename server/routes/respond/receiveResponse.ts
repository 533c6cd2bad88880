import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { Services } from '../../services';
import type { FieldError } from '../../services/fieldError';
import type { AcceptedFile } from '../../services/heldUploads';
import type { ResponseContent } from '../../services/submission';
import { filesWithoutNames, uploadedFiles } from '../../middleware/uploads';
import { allStrings, fieldOrder, firstString, readResponseForm, type FormMode, type FormValues } from './responseForm';

export const reportsField = 'reports';

export type ReceivedResponse =
  | { ok: true; content: ResponseContent; files: AcceptedFile[]; formToken: string; release: () => void }
  | { ok: false; values: FormValues; errors: FieldError[]; heldId: string | null; heldFiles: AcceptedFile[] };

/**
 * Reads a posted response with its reports: checks the files by content, validates the fields,
 * and on any problem keeps the good files for the form shown again. `otherErrors` are problems
 * the caller found in fields of its own, so that every problem is reported at once.
 */
export async function receiveResponse(
  req: Request,
  { uploads, consultation, clock }: Services,
  mode: FormMode,
  otherErrors: FieldError[] = [],
  /** Only keep what was sent, to show the form again (in another language): no checks but the files'. */
  keepForLater = false,
): Promise<ReceivedResponse> {
  const body = req.body as Record<string, unknown>;
  const previousHeldId = allStrings(body.heldId)[0];
  const accepted = await uploads.accept(
    {
      visitorId: req.visitorId,
      heldId: previousHeldId,
      removeStoredNames: allStrings(body.removeReport),
      received: uploadedFiles(req).map((file) =>
        file.refused ? { refused: file.refused, originalName: file.originalname } : { path: file.path, originalName: file.originalname, sizeBytes: file.size },
      ),
      filesWithoutNames: filesWithoutNames(req, reportsField),
    },
    reportsField,
  );
  const form = readResponseForm(body, consultation, clock.now(), accepted.files.length, mode);
  const order = fieldOrder(consultation);
  const fieldErrors = keepForLater ? [] : [...(form.ok ? [] : form.errors), ...otherErrors];
  const errors = [...fieldErrors, ...accepted.errors];
  // The same form sent twice (a double click, a reload) is stored once: see SubmissionService.submit.
  const formToken = /^[0-9a-f]{32}$/.test(firstString(body.formToken)) ? firstString(body.formToken) : randomBytes(16).toString('hex');
  if (keepForLater || !form.ok || errors.length > 0) {
    const kept = uploads.keep(req.visitorId, accepted.files, reportsField);
    return {
      ok: false,
      values: { ...form.values, formToken },
      errors: [...errors, ...kept.errors].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)),
      heldId: kept.heldId,
      heldFiles: kept.files,
    };
  }
  return {
    ok: true,
    content: form.content,
    files: accepted.files,
    formToken,
    release: () => uploads.release(req.visitorId, previousHeldId),
  };
}
