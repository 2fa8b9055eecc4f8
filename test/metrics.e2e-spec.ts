// Prometheus metrics of the compiled API and worker (`npx nest build --all` first), on their internal
// METRICS_PORT listener behind METRICS_TOKEN: a submission moves the counters and the outbox drains.
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppProcess, freePort, spawnApi, spawnApp } from './support/app-process';
import { authHeader, createDraft, createService, login, registerVerified } from './support/factories';
import { sampleValue } from './support/prometheus';
import { SseClient } from './support/sse-client';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

jest.setTimeout(2 * 60_000);

const TOKEN = randomBytes(24).toString('hex');

describe('Metrics (compiled API and worker, METRICS_PORT and METRICS_TOKEN)', () => {
  let portal: TestPortal;
  let api: AppProcess & { url: string };
  let worker: AppProcess;
  let apiMetricsUrl: string;
  let workerBase: string;
  const viaApi = (): TestPortal => ({ ...portal, url: api.url });

  async function scrape(base: string): Promise<string> {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  }

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
    const [workerPort, apiPort] = [await freePort(), await freePort()];
    const env = { LOG_LEVEL: 'info', LOG_PRETTY: 'false', METRICS_TOKEN: TOKEN, HOST: '127.0.0.1' };
    worker = spawnApp('worker', { ...env, METRICS_PORT: String(workerPort) });
    api = await spawnApi({ ...env, METRICS_PORT: String(apiPort) });
    apiMetricsUrl = `http://127.0.0.1:${apiPort}`;
    workerBase = `http://127.0.0.1:${workerPort}`;
    await eventually(async () => (await fetch(`${workerBase}/health`).catch(() => null))?.ok, 30_000, 'the worker health endpoint');
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await portal?.close();
  });

  it('serves the worker health openly, and metrics to the bearer of METRICS_TOKEN only', async () => {
    const health = await fetch(`${workerBase}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'up' });
    for (const base of [workerBase, apiMetricsUrl]) {
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(1)}x` } })).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    }
    // Never on the public port (where /metrics is only a page path of the web app, when it is built).
    expect((await request(api.url).get('/metrics')).text).not.toMatch(/^# (HELP|TYPE) /m);
    await request(api.url).get('/api/metrics').expect(404);
  });

  it('shows a submission: HTTP timings by route, jobs and emails counted, a live stream, the outbox back to 0', async () => {
    const me = await registerVerified(viaApi());
    const { accessToken } = await login(viaApi(), me);
    const stream = await SseClient.connect(`${api.url}/api/me/events`, authHeader(accessToken));
    const service = await createService(portal);
    const draft = await createDraft(viaApi(), accessToken, service.code);
    await request(api.url).post(`/api/requests/${draft.id}/submit`).set(authHeader(accessToken)).set('idempotency-key', randomUUID()).send({}).expect(200);

    const apiText = await scrape(apiMetricsUrl);
    const submit = { route: '/api/requests/:id/submit', method: 'POST', status_code: '200', app: 'api' };
    expect(sampleValue(apiText, 'portal_http_request_duration_seconds_count', submit)).toBe(1);
    expect(sampleValue(apiText, 'portal_http_request_duration_seconds_count', { route: '/api/auth/register', status_code: '202' })).toBe(1);
    expect(sampleValue(apiText, 'portal_live_streams')).toBe(1);
    expect(sampleValue(apiText, 'portal_db_pool_connections', { state: 'max' })).toBeGreaterThan(0);
    stream.close();

    await eventually(async () => {
      const text = await scrape(workerBase);
      const intake = sampleValue(text, 'portal_job_duration_seconds_count', { queue: 'workflow', name: 'request.intake', outcome: 'completed' });
      const sent = sampleValue(text, 'portal_emails_total', { outcome: 'sent' }) ?? 0;
      // The outbox drained: nothing waits to be relayed, and nothing old is stuck there.
      return intake === 1 && sent >= 1 && sampleValue(text, 'portal_outbox_backlog') === 0 && sampleValue(text, 'portal_outbox_oldest_age_seconds') === 0;
    }, 30_000, 'the worker metrics to show the intake, the emails and an empty outbox');

    const workerText = await scrape(workerBase);
    expect(sampleValue(workerText, 'portal_queue_jobs', { queue: 'workflow', state: 'completed', app: 'worker' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(workerText, 'portal_queue_jobs', { queue: 'workflow', state: 'delayed' })).toBeGreaterThanOrEqual(1); // the deadline jobs
    expect(sampleValue(workerText, 'portal_dead_letters', { state: 'pending' })).toBe(0);
    expect(sampleValue(workerText, 'portal_jobs_failed_total')).toBeUndefined();
  });
});
