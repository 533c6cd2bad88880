import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response, Router } from 'express';
import { isStorageFault } from '../../platform/db/storageFaults';
import { acceptUploads } from '../../web/intake/uploads';
import { officerWording } from './officerWording';
import type { I18n } from '../../web/setUpI18n';
import type { Services } from '../../services';
import type { FieldError } from '../../platform/forms/fieldError';
import type { AcceptedFile } from '../../submissions/reports/heldUploads';
import { receiveResponse, reportsField } from '../../web/intake/receiveResponse';
import { answerField, type FormValues } from '../../submissions/responseForm';
import { readOfflineDetails } from './entryForm';
import { enteredChannels } from '../../submissions/vocabulary';
import { defaultLanguage } from '../../platform/vocabulary';

interface EntryPage {
  values: FormValues;
  errors: FieldError[];
  heldId: string | null;
  heldFiles: readonly AcceptedFile[];
  /** Set when the portal could not store the response for now: the message for the error summary. */
  problemKey?: string;
}

function renderEntryForm(res: Response, { values, errors, heldId, heldFiles, problemKey }: EntryPage): void {
  const errorsByField = new Map<string, FieldError>();
  for (const error of errors) if (!errorsByField.has(error.field)) errorsByField.set(error.field, error);
  const status = problemKey ? 503 : errors.length > 0 ? 400 : 200;
  res.status(status).render('workspace/entry', {
    values,
    errors,
    errorsByField,
    heldId,
    heldFiles,
    problemKey: problemKey ?? null,
    answerField,
    t: officerWording(res.locals.t),
  });
}

/** Recording a response that came by email or post, with the same form and checks as the web. */
export function registerEntryRoutes(router: Router, services: Services, verifyCsrf: RequestHandler, i18n: I18n): void {
  const { submissions, officers, clock } = services;

  router.get('/entries/new', (_req, res) => {
    renderEntryForm(res, {
      values: { channel: enteredChannels[0], language: defaultLanguage, formToken: randomBytes(16).toString('hex') },
      errors: [],
      heldId: null,
      heldFiles: [],
    });
  });

  router.post('/entries', ...acceptUploads(reportsField, services, verifyCsrf), async (req: Request, res: Response) => {
    const switching = i18n.applyFormSwitch(req, res);
    const offline = readOfflineDetails(req.body as Record<string, unknown>, clock.now());
    const received = await receiveResponse(req, services, 'officer', switching ? [] : offline.errors, switching);
    if (!received.ok || !offline.details) {
      const failed = received.ok ? null : received;
      renderEntryForm(res, {
        values: { ...(failed?.values ?? {}), ...offline.values },
        errors: failed?.errors ?? offline.errors,
        heldId: failed?.heldId ?? null,
        heldFiles: failed?.heldFiles ?? [],
      });
      return;
    }
    let reference: string;
    try {
      reference = await submissions.recordOffline(received.content, received.files, {
        ...offline.details,
        formToken: received.formToken,
        actor: officers.actorFor(res.locals.officer!),
      });
    } catch (error) {
      if (!isStorageFault(error)) throw error;
      const kept = received.keepForRetry();
      renderEntryForm(res, { ...kept, values: { ...kept.values, ...offline.values }, problemKey: 'errors.notStored' });
      return;
    }
    received.release();
    res.redirect(303, `/admin/submissions/${encodeURIComponent(reference)}?recorded=1`);
  });
}
