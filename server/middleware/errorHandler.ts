import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, NotFound } from '../errors';

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFound());

/** The one error handler: a domain error gets its own page and status; anything else is a 500 with no detail shown. */
export function errorHandler(showDetail: boolean): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    // A body the portal refused to read must still be drained, or the sender sees a reset connection.
    req.resume();
    const known = error instanceof DomainError ? error : null;
    const status = known?.status ?? (isBodyParserError(error) ? error.status : 500);
    if (!known && status === 500) console.error(error);
    const messageKey = known?.messageKey ?? (status === 413 ? 'errors.formTooLarge' : status === 400 ? 'errors.badRequest' : 'errors.unexpected');
    res.status(status).render('pages/errors/error', {
      status,
      messageKey,
      detail: showDetail && !known && error instanceof Error ? error.stack : null,
    });
  };
}

function isBodyParserError(error: unknown): error is { status: 400 | 413 } {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 400 || status === 413;
}
