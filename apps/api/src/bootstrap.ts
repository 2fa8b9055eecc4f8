import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, validateConfig } from '@portal/config';
import { observeHttpRequests, PortalMetrics } from '@portal/observability';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { PAGE_CSP, useApiCsp } from './content-security-policy';
import { propagateCorrelation } from './correlation';
import { refuseCrossSiteRequests } from './cross-site-requests';
import { clientErrorHandler, frameworkErrors, hardenHttp } from './http-hardening';
import { requestId } from './logging';
import { answerWithin } from './request-timeout';
import { serveWebApp } from './web-app';

/** Builds the HTTP application exactly as production runs it; tests call this too. */
export async function createApiApp(): Promise<NestFastifyApplication> {
  // Validated before anything else so a bad variable stops start-up with its name.
  const env = validateConfig(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    // Node's limit to receive a whole request: the longest allowed, an upload's; answerWithin() below
    // answers any other request at REQUEST_TIMEOUT_MS.
    requestTimeout: Math.max(env.REQUEST_TIMEOUT_MS, env.UPLOAD_TIMEOUT_MS),
    genReqId: requestId,
    requestIdHeader: false,
    frameworkErrors,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true });
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready'] });
  app.enableShutdownHooks();

  // Errors raised before Nest's pipeline (body too large, malformed JSON) reach the global filter
  // too: Nest's Fastify adapter rewraps them as HttpExceptions (see libs/common/src/error-mapping.ts).
  const fastify = app.getHttpAdapter().getInstance();
  hardenHttp(fastify);
  observeHttpRequests(fastify, app.get(PortalMetrics));
  propagateCorrelation(fastify);
  answerWithin(fastify, { requestMs: config.REQUEST_TIMEOUT_MS, uploadMs: config.UPLOAD_TIMEOUT_MS });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: config.MAX_DOCUMENT_BYTES, files: 1, fields: 5, fieldSize: 1024 } });
  await app.register(fastifyHelmet, { contentSecurityPolicy: { directives: PAGE_CSP } });
  useApiCsp(fastify);
  refuseCrossSiteRequests(fastify, { publicUrl: config.PUBLIC_URL, trustedOrigins: config.corsOrigins });
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: true });
  }
  // After helmet: the web app's pages and files get its headers (CSP) too.
  await serveWebApp(app);

  if (config.apiDocsEnabled) SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** The OpenAPI document of every route (served at /docs-json when API_DOCS allows). */
export function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Portail des démarches — Province Sud')
      .setDescription('Provincial accounts, business profiles, requests to the directorates, live status.')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('portal_access')
      .build(),
  );
}
