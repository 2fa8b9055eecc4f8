/** Facts of the territory (see docs/BRIEF): shared by profile validation and service forms. */

export const NOUMEA_TIME_ZONE = 'Pacific/Noumea';

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

/** New Caledonia postcodes: 988 then two digits. */
export const NC_POSTCODE = /^988\d{2}$/;

/**
 * A New Caledonian phone number (+687 then 6 digits, no trunk zero), written `+687 25.12.34`,
 * `25 12 34`, `251234`… Returns E.164 (`+687251234`) or null.
 */
export function normaliseNcPhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  const match = /^(?:\+687|00687)?(\d{6})$/.exec(compact);
  return match ? `+687${match[1]}` : null;
}

/** `+687251234` → `+687 25.12.34`. */
export function formatNcPhone(e164: string): string {
  const d = e164.replace(/^\+687/, '');
  return `+687 ${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}`;
}
