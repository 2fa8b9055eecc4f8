// The API's error body (libs/common/src/error-mapping.ts): a stable `code`, a French `message`, and
// per-field `details`. Messages shown beside fields come from `details`, never from parsing text.
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

interface ErrorBody {
  code?: string;
  message?: string;
  details?: FieldError[] | Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }

  static from(status: number, body: unknown): ApiError {
    const error = (body ?? {}) as ErrorBody;
    const fields = Array.isArray(error.details) ? error.details : [];
    return new ApiError(status, error.code ?? 'UNKNOWN', error.message ?? 'Une erreur est survenue. Réessayez dans un instant.', fields);
  }
}

export const NETWORK_ERROR_MESSAGE = 'Le portail ne répond pas. Vérifiez votre connexion puis réessayez.';

/** The data of an openapi-fetch result, or throws an ApiError carrying the API's code and fields. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw ApiError.from(result.response.status, result.error);
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Turns any thrown value into what a form shows: a summary message and errors by field. */
export function formErrors(error: unknown): { message: string; fields: Record<string, string> } {
  if (error instanceof ApiError) {
    const fields: Record<string, string> = {};
    for (const f of error.fields) fields[f.field] ??= f.message;
    return { message: error.message, fields };
  }
  return { message: NETWORK_ERROR_MESSAGE, fields: {} };
}
