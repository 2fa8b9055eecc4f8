// New Caledonian formats (mirrors libs/common/src/territory.ts; the API validates again).
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

/** "+687 25.12.34" for display and editing; the API stores E.164 (+687251234). */
export function formatNcPhone(e164: string | null | undefined): string {
  const digits = (e164 ?? '').replace(/\D/g, '').replace(/^687/, '');
  if (digits.length !== 6) return e164 ?? '';
  return `+687 ${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4)}`;
}
