import { DomainError } from '@portal/common';
import { isUUID } from 'class-validator';

// Exactly what encodeCursor writes (Date#toISOString), so PostgreSQL can never refuse the value.
const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

/** Opaque keyset cursor: the sort value and id of the last row of a page. */
export interface KeysetPosition {
  value: string | null;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && (parsed[0] === null || isTimestamp(parsed[0])) && typeof parsed[1] === 'string' && isUUID(parsed[1])) {
      return { value: parsed[0] as string | null, id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION_FAILED', undefined, [{ field: 'cursor', code: 'INVALID_FORMAT', message: "Le curseur de pagination n'est pas valide." }]);
}
