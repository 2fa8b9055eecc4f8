// New Caledonian facts the pages need. The communes come from the one list the API validates with
// (a pure file of libs/common with no imports, allowed to the web app by .dependency-cruiser.cjs).
export { PROVINCE_SUD_COMMUNES } from '../../../../libs/common/src/territory';

/** "+687 25.12.34" for display and editing; the API stores E.164 (+687251234). */
export function formatNcPhone(e164: string | null | undefined): string {
  const digits = (e164 ?? '').replace(/\D/g, '').replace(/^687/, '');
  if (digits.length !== 6) return e164 ?? '';
  return `+687 ${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4)}`;
}
