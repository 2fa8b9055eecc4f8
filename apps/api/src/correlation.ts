import { trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { enterCorrelation } from '@portal/common';

/**
 * Runs each route handler under its request id (the correlation id of logs and error bodies), so
 * the transactions it opens stamp their outbox rows with it and its log lines carry it. preHandler,
 * not onRequest: the body is read between the two, in callbacks that would lose the context.
 */
export function propagateCorrelation(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    enterCorrelation(request.id);
    // The HTTP span (when tracing is on) gets the route pattern and the correlation id.
    const span = trace.getActiveSpan();
    if (span && request.routeOptions.url) span.updateName(`${request.method} ${request.routeOptions.url}`);
    span?.setAttributes({ 'http.route': request.routeOptions.url ?? '', 'portal.correlation_id': request.id });
    done();
  });
}
