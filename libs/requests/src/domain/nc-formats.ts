// Formats of New Caledonia that people type in many ways; each normaliser returns the one stored
// form, or null when the input cannot be that thing.

/** Communes of province Sud (Poya only in part; its southern part belongs to the province). */
export const PROVINCE_SUD_COMMUNES = [
  'Nouméa',
  'Dumbéa',
  'Mont-Dore',
  'Païta',
  'Boulouparis',
  'La Foa',
  'Sarraméa',
  'Farino',
  'Moindou',
  'Bourail',
  'Thio',
  'Yaté',
  'Île des Pins',
  'Poya',
] as const;
export type ProvinceSudCommune = (typeof PROVINCE_SUD_COMMUNES)[number];

// Case, accents, hyphens and apostrophes are how people actually differ when typing a commune name.
function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();
}

const COMMUNE_BY_FOLDED = new Map<string, ProvinceSudCommune>([
  ...PROVINCE_SUD_COMMUNES.map((c) => [foldName(c), c] as const),
  // Official long forms.
  ['le mont dore', 'Mont-Dore'],
  ["l ile des pins", 'Île des Pins'],
]);

export function normaliseCommune(input: string): ProvinceSudCommune | null {
  return COMMUNE_BY_FOLDED.get(foldName(input)) ?? null;
}

/**
 * `+687` then 6 digits, stored E.164 (`+687251234`). Accepts `25.12.34`, `25 12 34`, `251234`,
 * `+687 25.12.34`, `00687…`; local numbers have no trunk zero, so 6 digits are always the whole number.
 */
export function normaliseNcPhone(input: string): string | null {
  let digits = input.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+687')) digits = digits.slice(4);
  else if (digits.startsWith('00687')) digits = digits.slice(5);
  else if (digits.length === 9 && digits.startsWith('687')) digits = digits.slice(3);
  return /^\d{6}$/.test(digits) ? `+687${digits}` : null;
}

/** RID (7 digits) or RIDET (RID + 3-digit establishment rank); spaces and dots allowed. */
export function normaliseRidet(input: string): string | null {
  const digits = input.replace(/[\s.]/g, '');
  return /^(\d{7}|\d{10})$/.test(digits) ? digits : null;
}

// WHATWG's pragmatic e-mail grammar, plus a dot in the domain: an address must be deliverable from here.
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Trimmed and lower-cased: two spellings of one address must not become two accounts. */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || email.indexOf('@') > 64) return null;
  return EMAIL.test(email) ? email : null;
}
