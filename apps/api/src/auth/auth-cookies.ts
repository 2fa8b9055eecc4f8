import type { FastifyReply } from 'fastify';
import { ACCESS_COOKIE, DEVICE_COOKIE, DeviceCookie, REFRESH_COOKIE, TokenPair } from '@portal/auth';

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
