// Two API processes and two workers (compiled, dist/) on one PostgreSQL and one Redis: a client on
// API #1 receives what API #2 and the workers cause; when API #1 dies, it reconnects to API #2 with
// Last-Event-ID and misses nothing, receives nothing twice.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import request from 'supertest';
import { Request } from '@portal/requests';
import { freePort } from './support/app-process';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { SseClient, SseFrame } from './support/sse-client';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

describe('Live status across instances (e2e, 2 API processes + 2 workers)', () => {
  let portal: TestPortal;
  const children: ChildProcess[] = [];

  function start(app: 'api' | 'worker', env: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, [`dist/apps/${app}/src/main.js`], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }

  async function startApi(): Promise<{ child: ChildProcess; url: string }> {
    const port = await freePort();
    const child = start('api', { PORT: String(port), HOST: '127.0.0.1' });
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok, 30_000, `API on ${port}`);
    return { child, url };
  }

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await portal?.close();
  });

  it('delivers a whole journey exactly once, in order, through the death of the client’s instance', async () => {
    const [api1, api2] = await Promise.all([startApi(), startApi()]);
    start('worker');
    start('worker');
    const service = await createService(portal, { directorateCode: 'DDET' });
    const agent = await login(portal, await createAccount(portal, 'agent', 'DDET'));
    const owner = await login(portal, await registerVerified(portal));
    const on = (url: string) => request(url);

    const first = await SseClient.connect(`${api1.url}/api/me/events`, authHeader(owner.accessToken));
    expect(first.status).toBe(200);

    // Everything is caused through API #2 and the workers; the client listens on API #1.
    const draft = await createDraft({ ...portal, url: api2.url }, owner.accessToken, service.code);
    await on(api2.url).post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `multi-${draft.id}`).send({}).expect(200);
    await first.waitFor((f) => f.some((x) => x.event === 'routed'), 20_000, 'intake by a worker, seen on API #1');

    // API #1 dies; while the client is away, the agent asks for information through API #2.
    api1.child.kill('SIGKILL');
    await once(api1.child, 'exit');
    await eventually(async () => first.closed, 5_000, 'the stream to drop');
    const inReview = await portal.db.manager.findOneByOrFail(Request, { id: draft.id });
    await on(api2.url).post(`/api/agent/requests/${draft.id}/transition`).set(authHeader(agent.accessToken)).send({ action: 'request_info', message: 'Précisez.', expectedVersion: inReview.version }).expect(200);

    const second = await SseClient.connect(`${api2.url}/api/me/events`, { ...authHeader(owner.accessToken), 'last-event-id': first.lastEventId! });
    const resubmitted = await on(api2.url).post(`/api/requests/${draft.id}/resubmit`).set(authHeader(owner.accessToken)).send({ message: 'Voilà.' }).expect(200);
    await on(api2.url).post(`/api/agent/requests/${draft.id}/transition`).set(authHeader(agent.accessToken)).send({ action: 'approve', expectedVersion: resubmitted.body.version }).expect(200);
    await second.waitFor((f) => f.some((x) => x.event === 'decided'), 20_000, 'the decision on API #2');
    second.close();

    const all: SseFrame[] = [...first.events(), ...second.events()];
    const allIds = all.map((f) => f.id);
    expect(new Set(allIds).size).toBe(allIds.length);
    // The letters the worker issues commit beside the file's own steps; the order under test is the file's.
    const received = all.filter((f) => f.event !== 'document_issued');
    expect(received.map((f) => f.event)).toEqual(['created', 'submitted', 'routed', 'info_requested', 'resubmitted', 'decided']);
    const ids = received.map((f) => BigInt(f.id!));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
  });
});
