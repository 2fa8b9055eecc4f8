import { DomainError } from '@portal/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

// Methods that change nothing; everything else may act with the browser's cookies.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request a browser sends from another origin (OWASP's Fetch Metadata
 * defence, with `Origin` for browsers that do not send `Sec-Fetch-Site`). SameSite=Strict does not
 * cover a sibling subdomain (same site), and multipart needs no CORS preflight, so the cookie alone
 * must never be enough. Calls with an `Authorization` header carry no ambient authority and are not
 * concerned; nor are clients that are not browsers (neither header). `trustedOrigins` are the
 * configured CORS origins, which may call with credentials.
 */
export function refuseCrossSiteRequests(fastify: FastifyInstance, options: { publicUrl: string; trustedOrigins: readonly string[] }): void {
  const trusted = new Set([new URL(options.publicUrl).origin, ...options.trustedOrigins]);
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    if (SAFE_METHODS.has(request.method) || request.headers.authorization !== undefined) return;
    if (!isSameOrigin(request, trusted)) throw new DomainError('CROSS_SITE_REQUEST');
  });
}

function isSameOrigin(request: FastifyRequest, trusted: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && (trusted.has(origin) || origin === `${request.protocol}://${request.host}`)) return true;
  const site = request.headers['sec-fetch-site'];
  // `none`: the person typed the address or used a bookmark; no other site is involved.
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return origin === undefined;
}
