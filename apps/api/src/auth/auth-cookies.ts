import type { FastifyReply } from 'fastify';
import {
  ACCESS_COOKIE,
  DEVICE_COOKIE,
  DeviceCookie,
  OIDC_TRANSACTION_COOKIE,
  OIDC_TRANSACTION_TTL_SECONDS,
  REFRESH_COOKIE,
  TokenPair,
  TokenResponseDto,
} from '@portal/auth';

const OIDC_COOKIE_PATH = '/api/auth/oidc';

// Browsers get the same tokens as httpOnly, SameSite=Strict cookies; the refresh one only travels to /api/auth.
export function setAuthCookies(reply: FastifyReply, pair: TokenPair, secure: boolean): void {
  const base = { httpOnly: true, sameSite: 'strict' as const, secure };
  void reply.setCookie(ACCESS_COOKIE, pair.accessToken, { ...base, path: '/', maxAge: pair.expiresIn });
  void reply.setCookie(REFRESH_COOKIE, pair.refreshToken, {
    ...base,
    path: '/api/auth',
    expires: pair.refreshExpiresAt,
  });
}

// Kept at logout: it marks the browser as one the account signed in from, not a session.
export function setDeviceCookie(reply: FastifyReply, device: DeviceCookie, secure: boolean): void {
  void reply.setCookie(DEVICE_COOKIE, device.value, { httpOnly: true, sameSite: 'strict', secure, path: '/api/auth', expires: device.expiresAt });
}

export function clearAuthCookies(reply: FastifyReply): void {
  void reply.clearCookie(ACCESS_COOKIE, { path: '/' });
  void reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
}

// The sign-in at a provider in progress: only the callback route reads it. Lax, not Strict: the
// browser comes back from the provider's site (the callback itself is a same-origin POST).
export function setOidcTransactionCookie(reply: FastifyReply, transaction: string, secure: boolean): void {
  void reply.setCookie(OIDC_TRANSACTION_COOKIE, transaction, { httpOnly: true, sameSite: 'lax', secure, path: OIDC_COOKIE_PATH, maxAge: OIDC_TRANSACTION_TTL_SECONDS });
}

export function clearOidcTransactionCookie(reply: FastifyReply): void {
  void reply.clearCookie(OIDC_TRANSACTION_COOKIE, { path: OIDC_COOKIE_PATH });
}

/** A completed sign-in: the session's cookies (and the device cookie), and the tokens in the body. */
export function signedIn(reply: FastifyReply, tokens: TokenPair, device: DeviceCookie | undefined, secure: boolean): TokenResponseDto {
  setAuthCookies(reply, tokens, secure);
  if (device) setDeviceCookie(reply, device, secure);
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.expiresIn, tokenType: 'Bearer' };
}
