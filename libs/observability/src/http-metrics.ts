import type { FastifyInstance } from 'fastify';
import type { PortalMetrics } from './portal-metrics';

/**
 * Times every HTTP request by its route pattern (`/api/requests/:id`, never the raw URL: ids would
 * make one series per file) and status. Unrouted requests share the label `unmatched`.
 */
export function observeHttpRequests(fastify: FastifyInstance, metrics: PortalMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
