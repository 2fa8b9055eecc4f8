import { Logger } from '@nestjs/common';
import { DomainError, sendError } from '@portal/common';
import type { FastifyInstance } from 'fastify';

const logger = new Logger('RequestTimeout');

/**
 * A request not answered within `requestMs` (a multipart upload: `uploadMs`, since its body arrives
 * while the handler runs) gets 503 SERVICE_UNAVAILABLE with Retry-After, whatever it
 * waits on (a frozen Redis, a lock in PostgreSQL): clients never hang. The work itself goes on, so
 * a retry with the same Idempotency-Key gets its outcome. Streams (SSE) hijack their reply, and an
 * answer whose headers are out (a CSV export streaming) is under way: both exempt.
 * Not Fastify's handlerTimeout: Node emits `close` on a request once its body is read, which
 * clears that timer for every request with a body.
 */
export function answerWithin(fastify: FastifyInstance, limits: { requestMs: number; uploadMs: number }): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const upload = String(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
    const ms = upload ? limits.uploadMs : limits.requestMs;
    const timer = setTimeout(() => {
      // Answered already, or streaming its answer (a long export): not this hook's business any more.
      if (reply.sent || reply.raw.headersSent) return;
      logger.warn(`${request.method} ${request.routeOptions.url ?? 'unknown route'} not answered within ${ms} ms: 503`);
      sendError(reply, request, new DomainError('SERVICE_UNAVAILABLE', undefined, undefined, { 'retry-after': '5' }), logger);
    }, ms);
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}
