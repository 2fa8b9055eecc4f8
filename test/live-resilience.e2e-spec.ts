// The live streams' resilience: a Redis restart (instances resubscribe) and a clean shutdown.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from './support/app-process';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { SseClient } from './support/sse-client';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

/** A Redis server of the test's own, so it can be killed without touching the shared one. */
class OwnRedis {
  private process?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'portal-redis-'));

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], { stdio: 'ignore' });
    await eventually(async () => {
      const client = new Redis(this.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      const pong = await client.connect().then(() => client.ping()).catch(() => null);
      client.disconnect();
      return pong === 'PONG';
    }, 10_000, 'redis-server');
  }

  async kill(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    this.process.kill('SIGKILL');
    await once(this.process, 'exit');
  }

  cleanUp(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('Live streams when Redis restarts (e2e)', () => {
  let portal: TestPortal;
  let redis: OwnRedis;
  const realRedis = process.env.REDIS_URL!;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    portal = await startTestPortal({ env: { REDIS_URL: `redis://127.0.0.1:${redis.port}` } });
  });
  afterAll(async () => {
    await portal?.close();
    await redis?.kill();
    redis?.cleanUp();
    process.env.REDIS_URL = realRedis;
  });

  it('resubscribes after a Redis restart: live events flow again, and a reconnect fills any gap', async () => {
    const owner = await login(portal, await registerVerified(portal));
    const service = await createService(portal);
    const stream = await SseClient.connect(`${portal.url}/api/me/events`, authHeader(owner.accessToken));
    const first = await createDraft(portal, owner.accessToken, service.code);
    await stream.waitFor((f) => f.some((x) => x.data.requestId === first.id), 10_000, 'the first event');

    await redis.kill();
    // While Redis is down, a change still commits (PostgreSQL is the record)…
    const during = await createDraft(portal, owner.accessToken, service.code);
    await redis.start();
    // …and once the instance has resubscribed, new events are pushed live again.
    let after: { id: string } | undefined;
    await eventually(async () => {
      after = await createDraft(portal, owner.accessToken, service.code);
      await new Promise((r) => setTimeout(r, 300));
      return stream.frames.some((x) => x.data.requestId === after!.id);
    }, 20_000, 'live events after the restart');

    // The event published while Redis was down may have been missed live; a reconnect replays it.
    const again = await SseClient.connect(`${portal.url}/api/me/events`, { ...authHeader(owner.accessToken), 'last-event-id': String(stream.frames[0].id) });
    await again.waitFor((f) => f.some((x) => x.data.requestId === during.id), 10_000, 'the replayed gap');
    stream.close();
    again.close();
  });
});

describe('Shutdown with open streams (e2e)', () => {
  it('ends every stream and closes the API promptly', async () => {
    const portal = await startTestPortal({ worker: false });
    const owner = await login(portal, await createAccount(portal, 'citizen'));
    const streams = await Promise.all([1, 2, 3].map(() => SseClient.connect(`${portal.url}/api/me/events`, authHeader(owner.accessToken))));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const started = Date.now();
    await portal.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await eventually(async () => streams.every((s) => s.closed), 2_000, 'the streams to end');
  });
});
