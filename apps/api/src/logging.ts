import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { correlationMixin, LOG_REDACTION } from '@portal/common';
import type { AppConfig } from '@portal/config';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request id: the caller's X-Request-Id when well-formed, else a new UUID. Stored on the raw
 * request so Fastify and pino-http (which only sees the raw request) share one id per request.
 */
export function requestId(req: IncomingMessage): string {
  const raw = req as IncomingMessage & { id?: unknown };
  if (typeof raw.id !== 'string') {
    const incoming = req.headers['x-request-id'];
    raw.id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  }
  return raw.id;
}

export function loggerParams(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req) => requestId(req),
      redact: LOG_REDACTION,
      // Query strings can hold tokens (links from emails) and names (searches): log the path only.
      // Response headers can name people (a document's file name in Content-Disposition): the status only.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: () => ({ app: 'api' }),
      mixin: correlationMixin,
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
      transport: config.LOG_PRETTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  };
}
