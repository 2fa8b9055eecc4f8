/** The `?retour=` of the sign-in page, kept only when it is a path of this site (no open redirect). */
export function safeReturnPath(value: string | null, fallback = '/compte'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
