import { DomainError } from '@portal/common';

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
    if (Array.isArray(parsed) && parsed.length === 2 && (typeof parsed[0] === 'string' || parsed[0] === null) && typeof parsed[1] === 'string' && /^[0-9a-f-]{36}$/.test(parsed[1])) {
      if (parsed[0] !== null && Number.isNaN(Date.parse(parsed[0]))) throw new Error('bad date');
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION_FAILED', undefined, [{ field: 'cursor', code: 'INVALID_FORMAT', message: "Le curseur de pagination n'est pas valide." }]);
}
