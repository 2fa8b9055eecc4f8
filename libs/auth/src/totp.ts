import { authenticator } from 'otplib';

/** RFC 6238 with the authenticator apps' defaults: SHA-1, 6 digits, 30 s steps. */
export const TOTP_STEP_SECONDS = 30;
/** Steps accepted either side of now (clock drift of the phone): ±30 s. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Province Sud';

const totp = authenticator.clone({ step: TOTP_STEP_SECONDS, window: TOTP_WINDOW, digits: 6 });

export function newTotpSecret(): string {
  return totp.generateSecret(20);
}

export function totpUri(accountLabel: string, secret: string): string {
  return totp.keyuri(accountLabel, TOTP_ISSUER, secret);
}

/**
 * The time step a code belongs to, if it is valid within the window at `now`; else null. Callers
 * refuse a step not later than the last one used, so a code cannot be replayed.
 */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp.clone({ epoch: now }).checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_STEP_SECONDS) + delta;
}

/** The code of a given time (tests and seeds). */
export function totpCode(secret: string, now = Date.now()): string {
  return totp.clone({ epoch: now }).generate(secret);
}
