import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { isStorageFault } from '../db/storageFaults';
import { DomainError, NotFound, StorageUnavailable } from '../errors';
import { logFailure } from '../logFailure';

/** How long the "try again" page asks a client to wait when storage is unavailable. */
const retryAfterSeconds = 60;

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFound());

/**
 * The one error handler: a domain error gets its own page and status; a storage fault (the
 * database locked by another process, read-only or full) the "try again in a minute" page, logged
 * in one line; anything else is a 500 with no detail shown.
 */
export function errorHandler(showDetail: boolean): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      if (!isStorageFault(error)) {
        next(error);
        return;
      }
      // Such as the session's save as its response ends: logged in one line like any other, and
      // a response still being sent is cut off, so that it cannot pass for complete.
      logFailure(`${req.method} ${pathOf(req)}`, error);
      if (!res.writableEnded) res.destroy();
      return;
    }
    // A body the portal refused to read must still be drained, or the sender sees a reset connection.
    req.resume();
    const known =
      error instanceof DomainError ? error : isStorageFault(error) ? new StorageUnavailable({ cause: error }) : null;
    if (known instanceof StorageUnavailable) {
      logFailure(`${req.method} ${pathOf(req)}`, known.cause ?? known);
      res.set('Retry-After', String(retryAfterSeconds));
      // Left on the request, an officer's session would be stored as this page ends, and fail the
      // same way with the page already gone; the session as last stored stands.
      Reflect.deleteProperty(req, 'session');
    }
    // A form the portal's own pages could not have sent, such as a status it does not know.
    const status = known?.status ?? (isBodyParserError(error) ? error.status : error instanceof ZodError ? 400 : 500);
    if (!known && status === 500) console.error(error);
    const messageKey =
      known?.messageKey ??
      (status === 413
        ? 'errors.formTooLarge'
        : status >= 400 && status < 500
          ? 'errors.badRequest'
          : 'errors.unexpected');
    res.status(status).render('errors/error', {
      status,
      messageKey,
      detail: showDetail && !known && error instanceof Error ? error.stack : null,
    });
  };
}

/** The path asked for, without the query: a search may hold what someone wrote. */
function pathOf(req: Request): string {
  return req.originalUrl.split('?', 1)[0]!;
}

/** body-parser's own errors: too large, badly encoded, an unsupported charset or compression. */
function isBodyParserError(error: unknown): error is { status: number } {
  const status = (error as { status?: unknown; type?: unknown } | null)?.status;
  return (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    typeof (error as { type?: unknown }).type === 'string'
  );
}
