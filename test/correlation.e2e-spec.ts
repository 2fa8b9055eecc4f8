// One id per submission, end to end: the HTTP request's id (X-Request-Id, in logs and error bodies)
// is stamped on the outbox rows its transaction writes (the webhook trigger's included), carried in
// the jobs' data, and on every log line of the relay and of the jobs — and of the jobs those jobs
// queue (notify → email). Compiled API and worker (`npx nest build --all` first), JSON logs at debug.
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppProcess, spawnApi, spawnApp } from './support/app-process';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(2 * 60_000);

type LogLine = Record<string, unknown> & { correlationId?: string; msg?: string; req?: { id?: string } };

function jsonLines(process: AppProcess): LogLine[] {
  return process.lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

describe('Correlation id of a submission across the API, the outbox, the relay and the jobs', () => {
  let portal: TestPortal;
  let api: AppProcess & { url: string };
  let worker: AppProcess;
  const receiver = new WebhookReceiver();
  const viaApi = (): TestPortal => ({ ...portal, url: api.url });

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
    await receiver.start();
    const env = { LOG_LEVEL: 'debug', LOG_PRETTY: 'false', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JWT_SECRET: randomBytes(32).toString('hex') };
    worker = spawnApp('worker', env);
    api = await spawnApi(env);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop(), receiver.stop()]);
    await portal?.close();
  });

  it('carries each submission’s id, and only its own, into its outbox rows and every log line it causes', async () => {
    const admin = await login(viaApi(), await createAccount(portal, 'admin'));
    const service = await createService(portal);
    await request(api.url).post('/api/admin/webhooks').set(authHeader(admin.accessToken))
      .send({ url: `${receiver.url}/hook`, directorateCode: service.directorateCode, eventTypes: ['submitted'] }).expect(201);

    const submissions: Array<{ correlationId: string; requestId: string }> = [];
    for (const label of ['a', 'b']) {
      const me = await login(viaApi(), await registerVerified(viaApi()));
      const draft = await createDraft(viaApi(), me.accessToken, service.code);
      const correlationId = `submit-${label}-${randomBytes(8).toString('hex')}`;
      const res = await request(api.url).post(`/api/requests/${draft.id}/submit`).set(authHeader(me.accessToken))
        .set('idempotency-key', randomUUID()).set('x-request-id', correlationId).send({}).expect(200);
      expect(res.headers['x-request-id']).toBe(correlationId);
      submissions.push({ correlationId, requestId: draft.id });
    }

    // Each submission's outbox rows: its own jobs, the webhook delivery written by the trigger, and the
    // email the worker's notify job queued, all under its id.
    const rowsOf = async (correlationId: string) =>
      (await portal.db.query<Array<{ id: string; job_name: string }>>(`SELECT id, job_name FROM outbox_messages WHERE correlation_id = $1`, [correlationId]));
    for (const { correlationId } of submissions) {
      await eventually(async () => {
        const names = new Set((await rowsOf(correlationId)).map((r) => r.job_name));
        return ['request.intake', 'request.deadline', 'request.notify', 'email.send', 'webhook.deliver'].every((n) => names.has(n));
      }, 30_000, `the outbox rows of ${correlationId}`);
    }
    await eventually(async () => receiver.calls.length >= 2, 30_000, 'both webhook deliveries');

    for (const [own, other] of [[submissions[0], submissions[1]], [submissions[1], submissions[0]]]) {
      const rows = await rowsOf(own.correlationId);
      // The worker logged relaying and running each of its immediate jobs under its id.
      await eventually(async () => {
        const lines = jsonLines(worker).filter((l) => l.correlationId === own.correlationId).map((l) => String(l.msg));
        return ['request.intake', 'request.notify', 'email.send', 'webhook.deliver'].every((name) => {
          const ids = rows.filter((r) => r.job_name === name).map((r) => r.id);
          return ids.some((id) => lines.some((m) => m.startsWith(`relayed ${name}#${id} to `))) && ids.some((id) => lines.includes(`${name}#${id} completed`));
        });
      }, 30_000, `the worker lines of ${own.correlationId}`);

      // Every worker line naming one of its jobs carries its id, never the other's.
      for (const line of jsonLines(worker)) {
        const text = JSON.stringify(line);
        if (rows.some((r) => text.includes(r.id))) expect(line.correlationId).toBe(own.correlationId);
        if (text.includes(own.correlationId)) expect(text).not.toContain(other.correlationId);
      }
      // The API: the submission's request line (and any other line of it) carries its id, never the other's.
      const apiLines = jsonLines(api).filter((l) => JSON.stringify(l).includes(own.correlationId));
      expect(apiLines.some((l) => l.req?.id === own.correlationId && (l.msg ?? '').includes('request completed'))).toBe(true);
      for (const line of apiLines) expect(JSON.stringify(line)).not.toContain(other.correlationId);
      // The job data carried it (a BullMQ job is the outbox row's id).
      expect(jsonLines(worker).some((l) => l.correlationId === own.correlationId && String(l.msg).startsWith('request.intake#'))).toBe(true);
    }
  });
});
