/**
 * Log fields that may hold secrets or personal data, censored by pino in the API and the worker.
 * A database error carries the statement's parameters and PostgreSQL's `detail`
 * (`Key (email)=(…) already exists`): both are dropped from logged errors.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.email',
  '*.phone',
  'err.parameters',
  'err.detail',
  'err.driverError.parameters',
  'err.driverError.detail',
];

export const LOG_REDACTION = { paths: REDACTED_LOG_PATHS, censor: '[redacted]' };
