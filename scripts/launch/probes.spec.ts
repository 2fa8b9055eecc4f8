import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describePostgresError, interpretPingReply, portAnswers, probeRedis } from './probes';

describe('interpretPingReply', () => {
  it('accepts PONG only', () => {
    expect(interpretPingReply('+PONG\r\n', 'h:1')).toEqual({ ok: true });
    expect(interpretPingReply('-NOAUTH Authentication required.\r\n', 'h:1')).toEqual({
      ok: false,
      reason: 'Redis on h:1 asks for a password (set REDIS_URL to use it)',
    });
    expect(interpretPingReply('HTTP/1.1 400 Bad Request\r\n', 'h:1')).toMatchObject({ ok: false });
  });
});

describe('describePostgresError', () => {
  it('explains the usual failures', () => {
    expect(describePostgresError({ code: 'ECONNREFUSED' }, '127.0.0.1:5432', 'postgres', 2000)).toBe('nothing listens on 127.0.0.1:5432');
    expect(describePostgresError({ code: '28P01', message: 'password authentication failed' }, 'h:5432', 'postgres', 2000)).toBe(
      'PostgreSQL on h:5432 asks for a password for user postgres (set DATABASE_URL to use it)',
    );
    expect(describePostgresError({ code: '28000', message: 'role "postgres" does not exist' }, 'h:5432', 'postgres', 2000)).toBe(
      'PostgreSQL on h:5432 refused user postgres: role "postgres" does not exist (set DATABASE_URL to use it)',
    );
    expect(describePostgresError(new Error('Connection terminated due to connection timeout'), 'h:5432', 'postgres', 2000)).toBe(
      'no answer from h:5432 within 2 s',
    );
  });
});

describe('probeRedis and portAnswers', () => {
  let server: Server;
  let port: number;
  let reply: string | null;

  beforeAll(async () => {
    server = createServer((socket) => {
      socket.on('data', () => {
        if (reply !== null) socket.write(reply);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a server answering +PONG', async () => {
    reply = '+PONG\r\n';
    expect(await probeRedis('127.0.0.1', port, 1000)).toEqual({ ok: true });
  });

  it('rejects a Redis that wants a password', async () => {
    reply = '-NOAUTH Authentication required.\r\n';
    expect(await probeRedis('127.0.0.1', port, 1000)).toMatchObject({ ok: false, reason: expect.stringContaining('password') });
  });

  it('gives up on a server that never answers', async () => {
    reply = null;
    expect(await probeRedis('127.0.0.1', port, 200)).toMatchObject({ ok: false, reason: expect.stringContaining('within 0.2 s') });
  });

  it('reports a closed port as nothing listening', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await probeRedis('127.0.0.1', closedPort, 1000)).toEqual({ ok: false, reason: `nothing listens on 127.0.0.1:${closedPort}` });
    expect(await portAnswers('127.0.0.1', closedPort)).toBe(false);
    expect(await portAnswers('127.0.0.1', port)).toBe(true);
  });
});
