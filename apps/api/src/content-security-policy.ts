import type { FastifyInstance } from 'fastify';

/** Pages (the web app, Swagger UI): only the portal's own origin, never an inline script or eval. */
export const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  // The back office previews a file's PDF in a frame from a blob: URL of bytes it fetched itself.
  frameSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// JSON and downloaded documents run nothing: a file opened from the API can load nothing either.
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// Swagger UI styles itself with inline style attributes; its scripts are files like any page's.
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Replaces helmet's page policy on API answers (/api, /health, the OpenAPI document) and on /docs. */
export function useApiCsp(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    const path = request.url;
    if (path.startsWith('/api/') || path.startsWith('/health/') || path.startsWith('/docs-json')) {
      void reply.header('content-security-policy', API_CSP);
    } else if (path === '/docs' || path.startsWith('/docs/')) {
      void reply.header('content-security-policy', DOCS_CSP);
    }
  });
}
