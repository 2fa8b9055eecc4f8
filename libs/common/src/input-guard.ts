import { DomainError } from './domain-error';
import { FieldError } from './error-codes';

/** Deeper than any form of the portal; deep enough input would otherwise exhaust the stack of the validators. */
export const MAX_INPUT_DEPTH = 32;

// NUL cannot be stored in PostgreSQL text; a lone surrogate cannot be encoded (jsonb, e-mail checks).
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses, before any validation or handler, input that no route can store or safely walk: strings
 * (values and keys) holding NUL or a lone surrogate, and structures nested deeper than
 * MAX_INPUT_DEPTH. Iterative, so hostile input cannot overflow the stack here either.
 */
export function assertStorableInput(sources: Record<string, unknown>): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = Object.entries(sources).map(([path, value]) => ({ value, path, depth: 0 }));
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) throw refused(path, 'invalidCharacters', 'Ce champ contient des caractères non autorisés.');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) throw refused(path, 'tooDeep', 'Les données sont imbriquées trop profondément.');
    for (const [key, child] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) throw refused(path, 'invalidCharacters', 'Un nom de champ contient des caractères non autorisés.');
      stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
}

function refused(field: string, code: string, message: string): DomainError {
  // eslint-disable-next-line no-control-regex -- NUL is what gets replaced
  const detail: FieldError = { field: field.replace(/[\u0000\ud800-\udfff]/g, '\ufffd'), code, message };
  return new DomainError('VALIDATION_FAILED', undefined, [detail]);
}
