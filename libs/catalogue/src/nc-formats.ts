// Formats people type in many ways; each normaliser returns the one stored form, or null when the
// input cannot be that thing. Communes, phone numbers and RIDETs are facts of the territory: @portal/common.

// WHATWG's pragmatic e-mail grammar, plus a dot in the domain: an address must be deliverable from here.
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Trimmed and lower-cased: two spellings of one address must not become two accounts. */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || email.indexOf('@') > 64) return null;
  return EMAIL.test(email) ? email : null;
}
