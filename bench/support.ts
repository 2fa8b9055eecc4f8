import { spawn, ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { DataSource, Logger } from 'typeorm';
import type { AppConfig } from '../libs/config/src/app-config';
import { buildDataSourceOptions } from '../libs/database/src/data-source-options';
import { totpCode } from '../libs/auth/src/totp';
import { QueueBackend } from '../libs/infra/src/queue-backend';
import { seed } from '../scripts/seed';
import { clearRedisPrefix as clearKeysWithPrefix } from '../test/support/redis-inspection';

export const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated and seeded database for one benchmark run. */
export async function freshDatabase(name: string): Promise<DataSource> {
  const admin = new DataSource({ type: 'postgres', url: ADMIN_URL });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const dataSource = await openDatabase(name);
  await dataSource.runMigrations();
  await seed(dataSource, { demo: false });
  return dataSource;
}

export async function openDatabase(name: string, poolSize = 20): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions({ url: databaseUrl(name), poolSize }));
  return dataSource.initialize();
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

// Other builds may rewrite dist/ during a long run: the apps start from a copy taken once, at the first start
// (after waiting out a build in progress).
let compiled: string | undefined;
async function compiledApps(): Promise<string> {
  if (!compiled) {
    await waitUntil(async () => ['api', 'worker'].every((app) => existsSync(`dist/apps/${app}/src/main.js`)), 60_000, 'a complete dist/ (nest build --all)');
    const copy = mkdtempSync(join(tmpdir(), 'portal-bench-dist-'));
    cpSync('dist', copy, { recursive: true });
    process.on('exit', () => rmSync(copy, { recursive: true, force: true }));
    compiled = copy;
  }
  return compiled;
}

// Production mode requires a seal key for the letters; one for the run, shared by the API and the worker.
const SEAL_PRIVATE_KEY = randomBytes(32).toString('base64');

/** Starts a compiled app (a copy of dist/) as its own process, as in production. */
export async function startApp(entry: 'api' | 'worker', env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(await compiledApps(), 'apps', entry, 'src', 'main.js')], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', NODE_PATH: join(process.cwd(), 'node_modules'), SEAL_PRIVATE_KEY, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (entry === 'api') {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${env.PORT}/health/ready`)).ok) break;
      } catch {
        // not yet listening
      }
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${entry} did not start`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return child;
}

/** The compiled API on a free port against a benchmark database, with limits out of the way. */
export async function startBenchApi(database: string, env: Record<string, string> = {}): Promise<{ api: ChildProcess; port: number }> {
  const port = await freePort();
  const api = await startApp('api', {
    DATABASE_URL: databaseUrl(database),
    REDIS_URL,
    QUEUE_PREFIX: `bench${Date.now()}`,
    PORT: String(port),
    JWT_SECRET: randomUUID() + randomUUID(),
    RATE_LIMIT_PER_MINUTE: '100000000',
    DATABASE_POOL_SIZE: '20',
    ...env,
  });
  return { api, port };
}

/** The machine's 1-minute load average: other processes share it (the figures are only comparable within a run). */
export const machineLoad = (): string => `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;

/** A queue prefix of its own for one run, so nothing mixes with other runs on the shared Redis. */
export const benchQueuePrefix = (): string => `bench${Date.now()}`;

/** The compiled worker as its own process, on the benchmark's database and queue prefix, emails to `smtpUrl`. */
export function startBenchWorker(database: string, queuePrefix: string, smtpUrl: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  return startApp('worker', { DATABASE_URL: databaseUrl(database), REDIS_URL, QUEUE_PREFIX: queuePrefix, SMTP_URL: smtpUrl, JWT_SECRET: randomUUID() + randomUUID(), ...env });
}

/** BullMQ queues built exactly as the portal builds them (QueueBackend, Redis mode), under `queuePrefix`. */
export function benchQueueBackend(queuePrefix: string): QueueBackend {
  return new QueueBackend({ REDIS_URL, QUEUE_PREFIX: queuePrefix } as AppConfig);
}

/** Removes everything a run left under its prefix (queues, the worker's markers) from the shared Redis. */
export const clearRedisPrefix = (queuePrefix: string): Promise<void> => clearKeysWithPrefix(REDIS_URL, queuePrefix);

/** An SMTP server that accepts and discards every message (the worker's emails must go somewhere). */
export async function discardingSmtp(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData: (stream, _session, done) => stream.on('end', () => done()).resume() });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Polls `probe` every 100 ms until it is true; throws past `timeoutMs` or if one of `processes` has exited. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string, processes: ChildProcess[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (processes.some((p) => p.exitCode !== null)) throw new Error(`a process exited while waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

export interface RunResult {
  count: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** Runs `total` operations with exactly `concurrency` in flight; records each latency. */
export async function runAtConcurrency(total: number, concurrency: number, op: (i: number) => Promise<boolean>): Promise<RunResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = process.hrtime.bigint();
        const ok = await op(i).catch(() => false);
        latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!ok) errors++;
      }
    }),
  );
  return { count: total, errors, seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function summarise(label: string, r: RunResult): { label: string; perSecond: number; p50: number; p99: number; errors: number } {
  return { label, perSecond: r.count / r.seconds, p50: percentile(r.latenciesMs, 50), p99: percentile(r.latenciesMs, 99), errors: r.errors };
}

export function printTable(rows: ReturnType<typeof summarise>[]): void {
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(12))).join(''));
  line(['scenario', 'ops/s', 'p50 ms', 'p99 ms', 'errors']);
  for (const r of rows) line([r.label, r.perSecond.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), String(r.errors)]);
}

/** Captures the SELECT a service sends through TypeORM, without changing it: a baseline runs the very same SQL. */
export class CaptureLogger implements Logger {
  last?: { sql: string; params: unknown[] };
  logQuery(sql: string, params?: unknown[]): void {
    if (/^\s*SELECT/i.test(sql)) this.last = { sql, params: params ?? [] };
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * Signs in through the API. Staff pass the second factor the production API requires: the bench
 * keeps no secret between runs, so any earlier one is removed in the database and a fresh one enrolled.
 */
export async function benchSignIn(base: string, db: { query(sql: string, params: unknown[]): Promise<unknown> }, email: string, password: string): Promise<string> {
  const post = async <T>(path: string, body: object): Promise<T> => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path} (${email}) → ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  await db.query(`DELETE FROM account_mfa WHERE account_id = (SELECT id FROM accounts WHERE email = $1)`, [email]);
  const signedIn = await post<{ accessToken?: string; mfaToken?: string }>('/auth/login', { email, password });
  if (signedIn.accessToken || !signedIn.mfaToken) return signedIn.accessToken ?? '';
  const { secret } = await post<{ secret: string }>('/auth/mfa/enrolment', { mfaToken: signedIn.mfaToken });
  return (await post<{ accessToken: string }>('/auth/mfa/enrolment/confirm', { mfaToken: signedIn.mfaToken, code: totpCode(secret) })).accessToken;
}
