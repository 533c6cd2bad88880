/** Errors the portal expects, each mapped by the one error handler to a status and a page. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** The message catalogue key of the page's explanation. */
  abstract readonly messageKey: string;
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly messageKey = 'errors.notFound';
}

/** The consultation is not accepting responses now. */
export class ConsultationClosed extends DomainError {
  readonly status = 403;
  readonly messageKey = 'errors.closed';
}

export class CsrfRejected extends DomainError {
  readonly status = 403;
  readonly messageKey = 'errors.csrf';
}

/** The request body could not be read: cut short, or larger than the portal accepts. */
export class UnreadableRequest extends DomainError {
  readonly status: number;
  readonly messageKey: string;
  constructor(status: 400 | 413, messageKey: string) {
    super(messageKey);
    this.status = status;
    this.messageKey = messageKey;
  }
}

export class TooManyRequests extends DomainError {
  readonly status = 429;
  readonly messageKey = 'errors.tooManyRequests';
}

/** The honeypot field was filled in, as only automated form-fillers do. */
export class SuspectedAutomation extends DomainError {
  readonly status = 400;
  readonly messageKey = 'errors.suspectedAutomation';
}

/**
 * The portal cannot store anything just now: the database is locked by another process, read-only
 * or out of space, or the disk is full. The fault is the portal's, and it passes.
 */
export class StorageUnavailable extends DomainError {
  readonly status = 503;
  readonly messageKey = 'errors.storageUnavailable';
  constructor(options?: { cause?: unknown }) {
    super('The portal cannot store anything just now', options);
  }
}
