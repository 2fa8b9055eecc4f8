import { spawn, ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../libs/database/src/data-source-options';
import { seed } from '../scripts/seed';

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
  const dataSource = new DataSource(buildDataSourceOptions({ url: databaseUrl(name), poolSize: 20 }));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await seed(dataSource, { demo: false });
  return dataSource;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Starts a compiled app (dist/) as its own process, as in production. */
export async function startApp(entry: 'api' | 'worker', env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [`dist/apps/${entry}/src/main.js`], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
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
