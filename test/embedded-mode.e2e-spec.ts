// Smoke test of `npm start` on a machine with nothing installed: the launcher in embedded mode
// (embedded PostgreSQL, no Redis: BullMQ on its PostgreSQL backend) serves the first user journey.
// Runs the compiled launcher: build first (`npx nest build --all`).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portAnswers } from '../scripts/launch/probes';
import { freePort } from './support/app-process';
import { SmtpSink, tokenFrom } from './support/smtp-sink';
import { eventually } from './support/wait';

const ROOT = join(__dirname, '..');
const LAUNCHER = join(ROOT, 'dist', 'scripts', 'launch.js');
const PASSWORD = 'correct horse battery staple';
// The first run creates a PostgreSQL cluster (initdb) and applies every migration.
const READY_TIMEOUT_MS = 180_000;
const EMAIL_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;

jest.setTimeout(6 * 60_000);

describe('npm start in embedded mode (embedded PostgreSQL, no Redis)', () => {
  let dataDir: string;
  let smtp: SmtpSink;
  let launcher: ChildProcess | undefined;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  const output: string[] = [];
  let baseUrl: string;
  let postgresPort: number;

  beforeAll(async () => {
    if (!existsSync(LAUNCHER)) throw new Error(`${LAUNCHER} is missing: run \`npx nest build --all\` first`);
    dataDir = mkdtempSync(join(tmpdir(), 'portal-embedded-'));
    // As root, PostgreSQL runs as user "postgres", which must be able to enter this directory.
    chmodSync(dataDir, 0o755);
    smtp = new SmtpSink();
    const smtpUrl = await smtp.start();
    const [apiPort, pgPort] = [await freePort(), await freePort()];
    postgresPort = pgPort;
    baseUrl = `http://127.0.0.1:${apiPort}`;

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORTAL_BACKENDS: 'embedded',
      PORTAL_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      PORT: String(apiPort),
      SMTP_URL: smtpUrl,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
    };
    // Set by the e2e setup for in-process apps; embedded mode must not need them.
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.PUBLIC_URL;
    delete env.QUEUE_PREFIX;

    const child = spawn(process.execPath, [LAUNCHER], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    launcher = child;
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  });

  afterAll(async () => {
    await forceStop();
    await smtp?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves register → verification email → verify → login, then stops cleanly on SIGTERM', async () => {
    await step('the API becomes ready', () => waitForReady(`${baseUrl}/health/ready`));
    expect(launcherOutput()).toMatch(/mode: embedded/);
    // Both processes chose the PostgreSQL-backed queue (no Redis in this mode).
    await step('the worker runs BullMQ on PostgreSQL', () => eventually(async () => /processing .* on postgres/.test(launcherOutput()), 15_000, 'the worker start-up line'));
    // The launcher recognised its own API (the instance id it handed over) before announcing it.
    await step('the launcher announces its API', () => eventually(async () => launcherOutput().includes('Portal ready'), 15_000, 'the ready banner'));
    expect(launcherOutput()).not.toContain('another program');

    const email = `smoke-${randomBytes(6).toString('hex')}@example.nc`;
    await step('register', async () => {
      const res = await post('/api/auth/register', { email, password: PASSWORD, firstName: 'Smoke', lastName: 'Test' });
      expect(res.status).toBe(202);
    });

    // Arrives only if the queued email job ran: BullMQ on its PostgreSQL backend, in the worker process.
    const mail = await step('the verification email arrives', () =>
      smtp.waitFor((m) => m.to.toLowerCase().includes(email), EMAIL_TIMEOUT_MS),
    );

    await step('verify the email', async () => {
      const res = await post('/api/auth/verify-email', { token: tokenFrom(mail) });
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    });

    await step('log in', async () => {
      const res = await post('/api/auth/login', { email, password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String) });
    });

    await step('stop on SIGTERM', async () => {
      launcher!.kill('SIGTERM');
      const exit = await withTimeout(exited, STOP_TIMEOUT_MS, 'the launcher did not exit after SIGTERM');
      expect(exit).toEqual({ code: 0, signal: null });
      launcher = undefined;
    });

    expect(launcherOutput()).toMatch(/embedded PostgreSQL stopped/);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(await portAnswers('127.0.0.1', postgresPort)).toBe(false);
  });

  function launcherOutput(): string {
    return output.join('');
  }

  /** Runs one step; on failure, says which and shows the end of the launcher's output. */
  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const tail = launcherOutput().split('\n').slice(-60).join('\n');
      (error as Error).message = `step "${name}" failed: ${(error as Error).message}\n--- launcher output (end) ---\n${tail}`;
      throw error;
    }
  }

  async function waitForReady(url: string): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!launcher || launcher.exitCode !== null || launcher.signalCode) throw new Error('the launcher exited before the API was ready');
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (res.status === 200) return;
        last = `HTTP ${res.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`${url} not ready within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
  }

  async function post(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** After a failure: stop the launcher (it stops its children and PostgreSQL), harder if it hangs. */
  async function forceStop(): Promise<void> {
    if (launcher && launcher.exitCode === null && !launcher.signalCode) {
      launcher.kill('SIGTERM');
      if (!(await settlesWithin(exited, 30_000))) {
        launcher.kill('SIGTERM'); // a second signal makes the launcher kill everything at once
        if (!(await settlesWithin(exited, 5_000))) {
          launcher.kill('SIGKILL');
          // Its children run in their own process groups and outlive it.
          for (const match of launcherOutput().matchAll(/(?:api|worker) started \(pid (\d+)\)/g)) {
            killQuietly(Number(match[1]), 'SIGKILL');
          }
        }
      }
    }
    // PostgreSQL removes this file when it stops: if it is still there, the server is still running.
    try {
      const pid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      killQuietly(pid, 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    } catch {
      // PostgreSQL is not running.
    }
  }
});

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]).finally(() => clearTimeout(timer));
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return withTimeout(promise, ms, 'timeout').then(
    () => true,
    () => false,
  );
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
