import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
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
    // A form the portal's own pages could not have sent, such as a status it does not know.
    const status = known?.status ?? (isBodyParserError(error) ? error.status : error instanceof ZodError ? 400 : 500);
    if (!known && status === 500) console.error(error);
    const messageKey =
      known?.messageKey ?? (status === 413 ? 'errors.formTooLarge' : status >= 400 && status < 500 ? 'errors.badRequest' : 'errors.unexpected');
    res.status(status).render('pages/errors/error', {
      status,
      messageKey,
      detail: showDetail && !known && error instanceof Error ? error.stack : null,
    });
  };
}

/** body-parser's own errors: too large, badly encoded, an unsupported charset or compression. */
function isBodyParserError(error: unknown): error is { status: number } {
  const status = (error as { status?: unknown; type?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && typeof (error as { type?: unknown }).type === 'string';
}
