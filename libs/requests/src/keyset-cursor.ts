import { DomainError } from '@portal/common';
import { isUUID } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

// What a cursor holds: UTC, ISO 8601, with milliseconds (older cursors) or microseconds. A real
// date only (no 30 February), so PostgreSQL can never refuse the value.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})(\d{3})?Z$/;
const isTimestamp = (value: unknown): value is string => {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  return !!match && !Number.isNaN(Date.parse(value as string)) && new Date(Date.parse(value as string)).toISOString() === `${match[1]}Z`;
};

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

/**
 * One keyset page: `limit` rows of the query (ordered by `sortColumn`, then id) and the cursor of
 * the last one. The cursor keeps PostgreSQL's microseconds, read in SQL: a JavaScript Date has
 * milliseconds only, and a cursor rounded to them repeats or skips the rows of that millisecond.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  sortColumn: string,
  limit: number,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const { entities, raw } = await qb
    .addSelect(`to_char(${sortColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'keyset_value')
    .limit(limit + 1)
    .getRawAndEntities<{ keyset_value: string | null }>();
  const items = entities.slice(0, limit);
  const last = items.at(-1);
  // One raw row per entity: the joins of a keyset query are many-to-one.
  return { items, nextCursor: entities.length > limit && last ? encodeCursor({ value: raw[items.length - 1].keyset_value, id: last.id }) : null };
}
