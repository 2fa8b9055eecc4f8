import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

// The web app (apps/web, built by `npm run build` into dist/web) is served by the API itself, on the
// same origin: its cookies, its CSP (`script-src 'self'`: Vite emits no inline script), no CORS.
// Hashed assets are cached for a year; index.html is revalidated on every visit, so a deployment is
// picked up at once. Any other GET outside /api, /docs, /docs-json and /health is a page of the app: index.html.

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NOT_APP_PATHS = /^\/(api|docs|docs-json|health)(\/|\?|$)/;

/** dist/web under the repository root (found from here, in the sources and in dist/ alike). */
export function webAppDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/** Registers the static files and the index.html fallback; call after helmet so pages get its headers. */
export async function serveWebApp(app: NestFastifyApplication, dir = webAppDir()): Promise<void> {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('WebApp').warn(`${indexFile} not found: the web app is not served (run npm run build)`);
    return;
  }
  const indexHtml = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    // Routes for the files present at start-up only (dist/web never changes while running).
    wildcard: false,
    index: false,
    // The .gz / .br siblings written by the build, chosen by Accept-Encoding.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      response.setHeader('cache-control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : 'no-cache');
    },
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.is404 || request.method !== 'GET') return;
    // An unknown /api path stays a JSON 404; a missing asset stays a 404, not a page.
    if (NOT_APP_PATHS.test(request.url) || request.url.startsWith('/assets/')) return;
    return reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  });
}
