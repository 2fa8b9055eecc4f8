import { createConnection } from 'node:net';
import { Client } from 'pg';

/** What a probe found: usable, or why not (the reason is shown to the developer). */
export type ProbeResult = { ok: true } | { ok: false; reason: string };

/** Connects and runs SELECT 1; any failure (refused, timeout, password asked) means "not usable as is". */
export async function probePostgres(url: string, timeoutMs: number): Promise<ProbeResult> {
  const target = new URL(url);
  const where = `${target.hostname}:${target.port || 5432}`;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A socket error after the probe settled must not crash the launcher.
  client.on('error', () => undefined);
  try {
    await withTimeout(client.connect().then(() => client.query('SELECT 1')), timeoutMs + 500);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: describePostgresError(error, where, decodeURIComponent(target.username), timeoutMs) };
  } finally {
    await withTimeout(client.end(), 1000).catch(() => undefined);
  }
}

export function describePostgresError(error: unknown, where: string, user: string, timeoutMs: number): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ECONNREFUSED') return `nothing listens on ${where}`;
  if (code === '28P01' || /password/i.test(message ?? '')) {
    return `PostgreSQL on ${where} asks for a password for user ${user} (set DATABASE_URL to use it)`;
  }
  if (code === '28000') return `PostgreSQL on ${where} refused user ${user}: ${message} (set DATABASE_URL to use it)`;
  if (/timeout|timed out/i.test(message ?? '')) return `no answer from ${where} within ${timeoutMs / 1000} s`;
  return `${where}: ${message ?? String(error)}`;
}

/** Sends an inline PING; only "+PONG" counts (a Redis asking for a password needs REDIS_URL). */
export function probeRedis(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let reply = '';
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: `no answer from ${host}:${port} within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) finish(interpretPingReply(reply, `${host}:${port}`));
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        reason: error.code === 'ECONNREFUSED' ? `nothing listens on ${host}:${port}` : `${host}:${port}: ${error.message}`,
      }),
    );
    socket.on('close', () => finish({ ok: false, reason: `${host}:${port} closed the connection without answering PING` }));
  });
}

export function interpretPingReply(reply: string, where: string): ProbeResult {
  const line = reply.split('\r\n')[0] ?? '';
  if (line === '+PONG') return { ok: true };
  if (line.startsWith('-NOAUTH')) return { ok: false, reason: `Redis on ${where} asks for a password (set REDIS_URL to use it)` };
  if (line.startsWith('-')) return { ok: false, reason: `Redis on ${where} answered ${line.slice(1)}` };
  return { ok: false, reason: `${where} does not speak the Redis protocol` };
}

/** True when something accepts TCP connections on host:port. */
export function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
