import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError } from './domain-error';
import { ERROR_CODES, ErrorBody, ErrorCode } from './error-codes';

export interface MappedError {
  body: ErrorBody;
  headers: Record<string, string>;
  /** True for failures the server owns (5xx): logged with their stack. */
  unexpected: boolean;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
};

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
  [HttpStatus.REQUEST_TIMEOUT]: 'REQUEST_TIMEOUT',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.URI_TOO_LONG]: 'URI_TOO_LONG',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.EXPECTATION_FAILED]: 'EXPECTATION_FAILED',
  431: 'HEADERS_TOO_LARGE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'TOO_MANY_REQUESTS',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

// Errors meaning "the database or another backing service is unreachable": the client may retry.
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003']);

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_ERRNOS.has(code)) return true;
  const driverError = (error as { driverError?: unknown }).driverError;
  if (driverError && driverError !== error && isUnavailable(driverError)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Connection is closed|Stream isn't writeable/i.test(
    error.message,
  );
}

export function errorBody(code: ErrorCode, correlationId: string, message?: string, details?: ErrorBody['details']): ErrorBody {
  const result: ErrorBody = {
    statusCode: ERROR_CODES[code].status,
    code,
    message: message ?? ERROR_CODES[code].message,
    correlationId,
  };
  if (details !== undefined) result.details = details;
  return result;
}

/** Maps any thrown value to the portal's single error shape. Never leaks a stack or an internal message. */
export function mapError(error: unknown, correlationId: string): MappedError {
  if (error instanceof DomainError) {
    return {
      body: errorBody(error.code, correlationId, error.message, error.details),
      headers: error.headers ?? {},
      unexpected: false,
    };
  }
  if (error instanceof ThrottlerException) {
    return { body: errorBody('TOO_MANY_REQUESTS', correlationId), headers: {}, unexpected: false };
  }
  if (error instanceof HttpException) {
    // Nest's Fastify adapter rewraps body-parser errors as HttpException(message, status).
    if (error.getStatus() === 400 && /JSON/.test(JSON.stringify(error.getResponse()))) {
      return { body: errorBody('MALFORMED_JSON', correlationId), headers: {}, unexpected: false };
    }
    const code = STATUS_CODES[error.getStatus()];
    if (code) return { body: errorBody(code, correlationId), headers: {}, unexpected: false };
    return { body: errorBody('INTERNAL_ERROR', correlationId), headers: {}, unexpected: true };
  }
  const fastifyCode = (error as { code?: unknown } | null)?.code;
  if (typeof fastifyCode === 'string' && fastifyCode in FASTIFY_CODES) {
    return { body: errorBody(FASTIFY_CODES[fastifyCode], correlationId), headers: {}, unexpected: false };
  }
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if ((error as Error | null)?.name === 'SyntaxError' && statusCode === 400) {
    return { body: errorBody('MALFORMED_JSON', correlationId), headers: {}, unexpected: false };
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { body: errorBody(STATUS_CODES[statusCode] ?? 'BAD_REQUEST', correlationId), headers: {}, unexpected: false };
  }
  if (isUnavailable(error)) {
    return { body: errorBody('SERVICE_UNAVAILABLE', correlationId), headers: { 'retry-after': '5' }, unexpected: true };
  }
  return { body: errorBody('INTERNAL_ERROR', correlationId), headers: {}, unexpected: true };
}
