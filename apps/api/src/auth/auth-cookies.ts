import type { FastifyReply } from 'fastify';
import { ACCESS_COOKIE, REFRESH_COOKIE, TokenPair } from '@portal/auth';

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

export function clearAuthCookies(reply: FastifyReply): void {
  void reply.clearCookie(ACCESS_COOKIE, { path: '/' });
  void reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
}
