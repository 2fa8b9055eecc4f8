import { ERROR_CODES, ErrorCode, FieldError } from './error-codes';

/**
 * A failure the caller can act on. Services throw these; the HTTP filter maps the code to a status.
 * The message defaults to the code's French message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: FieldError[] | Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const notFound = (message?: string): DomainError => new DomainError('NOT_FOUND', message);
