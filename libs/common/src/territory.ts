/** Facts of the territory (see docs/BRIEF): shared by profile validation, service forms and the registry. */

export const NOUMEA_TIME_ZONE = 'Pacific/Noumea';

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
  ['l ile des pins', 'Île des Pins'],
]);

/** The commune's official spelling (`ile-des-pins` → `Île des Pins`), or null outside province Sud. */
export function normaliseCommune(input: string): ProvinceSudCommune | null {
  return COMMUNE_BY_FOLDED.get(foldName(input)) ?? null;
}

/** New Caledonia postcodes: 988 then two digits. */
export const NC_POSTCODE = /^988\d{2}$/;

// The prefix is optional; a bare `687` is only a prefix when 6 digits follow (9 digits in all),
// and local numbers have no trunk zero, so 6 digits are always the whole number.
const NC_PHONE = /^(?:\+687|00687|687)?(\d{6})$/;

/**
 * A New Caledonian phone number (+687 then 6 digits), written `+687 25.12.34`, `00687 25 12 34`,
 * `25 12 34`, `25-12-34`, `251234`… Returns E.164 (`+687251234`) or null.
 */
export function normaliseNcPhone(input: string): string | null {
  const match = NC_PHONE.exec(input.replace(/[\s.\-()]/g, ''));
  return match ? `+687${match[1]}` : null;
}

/** `+687251234` → `+687 25.12.34`. */
export function formatNcPhone(e164: string): string {
  const d = e164.replace(/^\+687/, '');
  return `+687 ${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}`;
}
