// The chaos suite's own PostgreSQL and Redis servers, on free ports, so it can kill them without
// touching the shared ones. PostgreSQL comes from Debian's binaries, run as the `postgres` OS user
// when the suite runs as root (PostgreSQL refuses to run as root).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { eventually } from '../../support/wait';

function pgBinary(name: 'initdb' | 'pg_ctl'): string {
  const onPath = execFileSync('sh', ['-c', `command -v ${name} || true`]).toString().trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin', name)).find(existsSync);
  if (!found) throw new Error(`${name} not found: install Debian's postgresql package`);
  return found;
}

/** PostgreSQL refuses to run as root: run its tools as the `postgres` OS user then. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export class PostgresServer {
  private readonly data: string;

  constructor(private readonly dir: string, readonly port: number) {
    this.data = join(dir, 'pgdata');
  }

  /** The server's URL for one database. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    if (process.getuid?.() === 0) {
      const { uid, gid } = { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) };
      chownSync(this.dir, uid, gid);
    }
    this.run('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    await this.start();
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=200`;
    this.run('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'postgres.log'), '-o', options, '-w', 'start']);
    await eventually(() => this.accepts(), 30_000, 'PostgreSQL to accept connections');
  }

  /** A crash as far as clients are concerned: every backend killed, no checkpoint; recovery on next start. */
  stopImmediate(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'immediate', 'stop']);
  }

  stop(): void {
    if (existsSync(join(this.data, 'postmaster.pid'))) this.run('pg_ctl', ['-D', this.data, '-m', 'fast', 'stop']);
  }

  async query<T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  private async accepts(): Promise<boolean> {
    try {
      await this.query('postgres', 'SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private run(tool: 'initdb' | 'pg_ctl', args: string[]): void {
    const [command, argv] = asPostgres(pgBinary(tool), args);
    execFileSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

/** A redis-server without persistence: restarting it after a kill starts it empty. */
export class RedisServer {
  private process?: ChildProcess;

  constructor(private readonly dir: string, readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const log = openSync(join(this.dir, 'redis.log'), 'a');
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: ['ignore', log, log],
    });
    await eventually(() => this.command((r) => r.ping()).then((pong) => pong === 'PONG', () => false), 10_000, 'Redis to answer');
  }

  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.process?.kill(signal);
  }

  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }

  /** Runs one command on a short-lived connection. */
  async command<T>(call: (redis: IORedis) => Promise<T>): Promise<T> {
    const redis = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await call(redis);
    } finally {
      redis.disconnect();
    }
  }
}
