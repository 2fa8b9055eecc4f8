import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import request from 'supertest';
import { OutboxMessage } from '@portal/database';
import { DeadLetter } from '@portal/queue';
import { authHeader, createAccount, GOOD_PASSWORD, login, uniqueEmail } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('Dead letters (e2e)', () => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal({ env: { JOB_ATTEMPTS: '1' } });
  });
  afterAll(() => portal?.close());

  it('keeps a job that failed for good in PostgreSQL, lists it to admins, and replays it once', async () => {
    portal.smtp.refuseAll = true;
    const email = uniqueEmail();
    await request(portal.url).post('/api/auth/register').send({ email, password: GOOD_PASSWORD, firstName: 'A', lastName: 'B' }).expect(202);
    const letter = await eventually(() => portal.db.manager.findOneBy(DeadLetter, { jobName: 'email.send' }), 20_000, 'the dead letter');
    expect(letter.error).toMatch(/550|Relais indisponible/);
    portal.smtp.refuseAll = false;

    const admin = await login(portal, await createAccount(portal, 'admin'));
    const citizen = await login(portal, await createAccount(portal, 'citizen'));
    await request(portal.url).get('/api/admin/jobs/dead-letters').set(authHeader(citizen.accessToken)).expect(403);
    const list = await request(portal.url).get('/api/admin/jobs/dead-letters').set(authHeader(admin.accessToken)).expect(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: letter.id, jobName: 'email.send', replayedAt: null })]));
    // Ids only in job payloads: no personal data.
    expect(JSON.stringify(list.body)).not.toContain(email);

    await request(portal.url).post(`/api/admin/jobs/dead-letters/${letter.id}/replay`).set(authHeader(admin.accessToken)).expect(200);
    await portal.smtp.waitFor((m) => m.to.includes(email));
    const again = await request(portal.url).post(`/api/admin/jobs/dead-letters/${letter.id}/replay`).set(authHeader(admin.accessToken)).expect(409);
    expect(again.body.code).toBe('CONFLICT');
    await new Promise((r) => setTimeout(r, 500));
    expect(portal.smtp.for(email)).toHaveLength(1);
  });
});

describe('Redis down (e2e)', () => {
  let portal: TestPortal;
  let worker: ChildProcess | undefined;
  const realRedis = process.env.REDIS_URL!;

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false, env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` } });
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
    // Back to the real Redis first: closing the portal clears its prefix there, where the worker wrote.
    process.env.REDIS_URL = realRedis;
    await portal?.close();
  });

  it('still accepts writes (they wait in the outbox), and a worker relays them once Redis answers', async () => {
    const email = uniqueEmail();
    await request(portal.url).post('/api/auth/register').send({ email, password: GOOD_PASSWORD, firstName: 'A', lastName: 'B' }).expect(202);
    const ready = await request(portal.url).get('/health/ready').expect(200);
    expect(ready.body.info.redis).toMatchObject({ status: 'up', degraded: true });
    expect(await portal.db.manager.countBy(OutboxMessage, { jobName: 'email.send' })).toBe(1);

    worker = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: { ...process.env, REDIS_URL: realRedis, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await portal.smtp.waitFor((m) => m.to.includes(email), 30_000);
    await eventually(async () => (await portal.db.query('SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL'))[0].n === 0, 15_000, 'an empty outbox');
  });
});
