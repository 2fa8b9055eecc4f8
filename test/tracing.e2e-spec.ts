// OpenTelemetry: with OTEL_EXPORTER_OTLP_ENDPOINT set, the compiled API and worker (`npx nest build
// --all` first) export spans over OTLP/HTTP (JSON) to a collector stand-in: the HTTP request under
// its route, its PostgreSQL and Redis calls, and the jobs it caused, with the correlation id.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppProcess, spawnApi, spawnApp } from './support/app-process';
import { authHeader, createDraft, createService, login, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

jest.setTimeout(2 * 60_000);

type Attribute = { key: string; value: { stringValue?: string; intValue?: string | number } };
type Span = { service: string; name: string; kind: number; attributes: Attribute[] };
type Export = {
  resourceSpans: Array<{ resource: { attributes: Attribute[] }; scopeSpans: Array<{ spans: Array<Omit<Span, 'service'>> }> }>;
};

describe('Tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  let portal: TestPortal;
  let api: AppProcess & { url: string };
  let worker: AppProcess;
  let collector: Server;
  const spans: Span[] = [];
  const attribute = (span: Span, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          for (const resource of (JSON.parse(body) as Export).resourceSpans) {
            const service = resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
            for (const scope of resource.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    portal = await startTestPortal({ worker: false });
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`, LOG_LEVEL: 'warn' };
    worker = spawnApp('worker', env);
    api = await spawnApi(env);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    collector?.close();
    await portal?.close();
  });

  it('exports the submission’s HTTP span by route, its SQL and Redis spans, and the jobs it caused', async () => {
    const viaApi = { ...portal, url: api.url };
    const { accessToken } = await login(viaApi, await registerVerified(viaApi));
    const draft = await createDraft(viaApi, accessToken, (await createService(portal)).code);
    const correlationId = `trace-${randomUUID()}`;
    await request(api.url).post(`/api/requests/${draft.id}/submit?token=secret-in-query`).set(authHeader(accessToken))
      .set('idempotency-key', randomUUID()).set('x-request-id', correlationId).send({}).expect(200);

    await eventually(async () => {
      const submit = spans.find((s) => s.service === 'portal-api' && s.name === 'POST /api/requests/:id/submit');
      const job = spans.find((s) => s.service === 'portal-worker' && s.name === 'job request.intake' && attribute(s, 'portal.correlation_id') === correlationId);
      return submit && job;
    }, 30_000, 'the submission and intake spans');

    const submit = spans.find((s) => s.name === 'POST /api/requests/:id/submit')!;
    expect(attribute(submit, 'portal.correlation_id')).toBe(correlationId);
    expect(attribute(submit, 'http.route')).toBe('/api/requests/:id/submit');
    // Query strings are never recorded (tokens in links).
    expect(JSON.stringify(spans)).not.toContain('secret-in-query');
    const apiNames = spans.filter((s) => s.service === 'portal-api').map((s) => s.name);
    expect(apiNames.some((n) => n.startsWith('pg.query'))).toBe(true);
    // Redis: the rate limiter's counters (server mode).
    expect(spans.some((s) => s.service === 'portal-api' && attribute(s, 'db.system.name') === 'redis')).toBe(true);
    expect(spans.some((s) => s.service === 'portal-worker' && s.name.startsWith('pg.query'))).toBe(true);
  });
});
