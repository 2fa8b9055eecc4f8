// One PostgreSQL server for the suite (a template database migrated and seeded by the compiled
// scripts, with residents registered through the API), and for each scenario a database cloned
// from it, a Redis server of its own, and its own API and worker processes.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '@portal/config';
import { QueueBackend } from '@portal/infra';
import { QUEUE_NAMES } from '@portal/queue';
import { GOOD_PASSWORD, uniqueEmail } from '../../support/factories';
import { SmtpSink, tokenFrom } from '../../support/smtp-sink';
import { eventually } from '../../support/wait';
import { WebhookReceiver } from '../../support/webhook-receiver';
import { freePort } from '../../support/app-process';
import { AppProcess, Build } from './apps';
import { Resident, SubmissionStream } from './load';
import { PostgresServer, RedisServer } from './servers';
import { CHAOS } from './settings';

const TEMPLATE = 'portal_chaos_template';
const QUEUE_PREFIX = 'chaos';

export interface Row {
  scenario: string;
  submitted: number;
  acknowledged: number;
  stored: number;
  processed: number;
  duplicates: number;
  lost: number;
}

/** What is left to do or wrong after recovery, beside the row. */
export interface Leftovers {
  refused: number;
  /** Among the lost: files lacking a notification or a delivered email, files missing a future job. */
  undelivered: number;
  futureJobsMissing: number;
  /** Emails the SMTP server accepted more than once (delivery is at least once: see RELIABILITY.md). */
  emailsTwice: number;
  /** Webhook deliveries the receiver got more than once (at least once, same webhook-id: it deduplicates). */
  webhooksTwice: number;
  unsentOutbox: number;
  deadLetters: number;
  failedJobs: number;
  queuedJobs: number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls once a second (a probe is several queries and Redis calls) until true or the time is up. */
async function within(timeoutMs: number, probe: () => Promise<boolean>): Promise<boolean> {
  for (const giveUpAt = Date.now() + timeoutMs; Date.now() < giveUpAt; await sleep(1_000)) if (await probe()) return true;
  return false;
}

export class ChaosSuite {
  readonly smtp = new SmtpSink();
  /** Subscribed (in the template) to every file's `submitted` and `routed` events. */
  readonly webhooks = new WebhookReceiver();
  residents: Resident[] = [];
  private smtpUrl = '';

  private constructor(readonly dir: string, readonly build: Build, readonly postgres: PostgresServer) {}

  static async start(): Promise<ChaosSuite> {
    const dir = mkdtempSync(join(tmpdir(), 'portal-chaos-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as another OS user when we are root
    mkdirSync(join(dir, 'logs'));
    const suite = new ChaosSuite(dir, Build.snapshot(dir), new PostgresServer(join(dir, 'postgres'), await freePort()));
    suite.smtpUrl = await suite.smtp.start();
    await suite.webhooks.start();
    await suite.postgres.init();
    suite.build.migrate({ DATABASE_URL: suite.postgres.url(TEMPLATE), NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:1' });
    await suite.registerResidents();
    await suite.postgres.query(
      TEMPLATE,
      `INSERT INTO webhook_subscriptions (url, event_types, secret, created_by) VALUES ($1, '{submitted,routed}', $2, $3)`,
      [`${suite.webhooks.url}/chaos`, `whsec_${Buffer.alloc(32, 1).toString('base64')}`, randomUUID()],
    );
    return suite;
  }

  get logs(): string {
    return join(this.dir, 'logs');
  }

  async scenario(name: string, options: { redisUp?: boolean } = {}): Promise<Scenario> {
    const database = `portal_chaos_${name.replace(/\W+/g, '_')}`;
    await this.postgres.query('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await this.postgres.query('postgres', `CREATE DATABASE ${database} TEMPLATE ${TEMPLATE}`);
    const redis = new RedisServer(join(this.dir, name, 'redis'), await freePort());
    if (options.redisUp !== false) await redis.start();
    return new Scenario(this, name, database, redis, await freePort(), this.smtpUrl);
  }

  async close(): Promise<void> {
    this.postgres.stop();
    await this.smtp.stop();
    await this.webhooks.stop();
    if (!process.env.CHAOS_KEEP_LOGS) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Residents sign up through the API (the verification email comes through the worker), once. */
  private async registerResidents(): Promise<void> {
    const scenario = await this.scenario('registration');
    try {
      await scenario.startApi();
      scenario.startWorker();
      this.residents = await Promise.all(
        Array.from({ length: CHAOS.residents }, async () => {
          const email = uniqueEmail('chaos');
          const registered = await scenario.post('/api/auth/register', { email, password: GOOD_PASSWORD, firstName: 'Marie', lastName: 'Wahnyamalla' });
          if (registered.status !== 202) throw new Error(`registration refused: ${registered.status}`);
          const mail = await this.smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('Confirmez'), 30_000);
          const verified = await scenario.post('/api/auth/verify-email', { token: tokenFrom(mail) });
          if (verified.status !== 204) throw new Error(`verification refused: ${verified.status}`);
          return { email, password: GOOD_PASSWORD };
        }),
      );
      await scenario.settle();
    } finally {
      await scenario.close();
    }
    await this.postgres.query('postgres', `DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await this.postgres.query('postgres', `ALTER DATABASE ${scenario.database} RENAME TO ${TEMPLATE}`);
  }
}

export class Scenario {
  api?: AppProcess;
  worker?: AppProcess;
  private readonly jwtSecret = randomUUID() + randomUUID();

  constructor(
    private readonly suite: ChaosSuite,
    readonly name: string,
    readonly database: string,
    readonly redis: RedisServer,
    private readonly apiPort: number,
    private readonly smtpUrl: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  /** The apps' environment: production-like, with the chaos suite's short timings. */
  env(): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: CHAOS.appLogLevel,
      DATABASE_URL: this.suite.postgres.url(this.database),
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX,
      SMTP_URL: this.smtpUrl,
      JWT_SECRET: this.jwtSecret,
      PORT: String(this.apiPort),
      HOST: '127.0.0.1',
      STORAGE_DIR: join(this.suite.dir, this.name, 'uploads'),
      RATE_LIMIT_PER_MINUTE: '1000000',
      REQUEST_TIMEOUT_MS: String(CHAOS.requestTimeoutMs),
      OUTBOX_POLL_MS: '100',
      SWEEP_INTERVAL_MS: '1000',
      SWEEP_STUCK_AFTER_MS: '5000',
      JOB_LOCK_MS: '2000',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    };
  }

  async startApi(): Promise<AppProcess> {
    this.spawnApi();
    await this.apiReady();
    return this.api!;
  }

  spawnApi(): AppProcess {
    this.api = this.suite.build.spawn('api', this.env(), this.log('api'));
    return this.api;
  }

  async apiReady(): Promise<void> {
    await eventually(async () => {
      if (!this.api!.running) throw new Error(`the API exited; see ${this.log('api')}`);
      return fetch(`${this.url}/health/ready`).then((r) => r.ok, () => false);
    }, 30_000, 'the API to be ready');
  }

  startWorker(): AppProcess {
    this.worker = this.suite.build.spawn('worker', this.env(), this.log('worker'));
    return this.worker;
  }

  /** Waits until the worker listens on every queue (BullMQ registers its workers in Redis). */
  async workerReady(): Promise<void> {
    const ready = await within(30_000, () =>
      this.withQueues(async (queues) => {
        if (!this.worker?.running) throw new Error(`the worker exited; see ${this.log('worker')}`);
        for (const queue of queues.values()) if ((await queue.getWorkersCount()) === 0) return false;
        return true;
      }),
    );
    if (!ready) throw new Error(`the worker did not start; see ${this.log('worker')}`);
  }

  stream(): SubmissionStream {
    return new SubmissionStream(this.url, this.suite.residents, {
      clients: CHAOS.clients,
      clientTimeoutMs: CHAOS.requestTimeoutMs + 5_000,
      giveUpAfterMs: CHAOS.giveUpMs,
    }).start();
  }

  async post(path: string, body: object, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const response = await fetch(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown>, headers: response.headers };
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.suite.postgres.query<T>(this.database, sql, params);
  }

  /** Waits until the worker has relayed every outbox row and emptied the queues (delayed jobs aside). */
  async settle(timeoutMs = CHAOS.recoveryMs): Promise<void> {
    await within(timeoutMs, async () => {
      const left = await this.leftovers();
      return left.unsentOutbox === 0 && left.queuedJobs === 0;
    });
  }

  async leftovers(): Promise<Leftovers> {
    const [{ unsent, letters }] = await this.query<{ unsent: number; letters: number }>(
      `SELECT (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL)::int AS unsent, (SELECT count(*) FROM dead_letters)::int AS letters`,
    );
    const counts = await this.jobCounts().catch(() => ({ failed: -1, queued: -1 }));
    return { refused: 0, undelivered: 0, futureJobsMissing: 0, emailsTwice: 0, webhooksTwice: 0, unsentOutbox: unsent, deadLetters: letters, failedJobs: counts.failed, queuedJobs: counts.queued };
  }

  /**
   * Waits for recovery, then counts. A file is lost when it was acknowledged and is not in
   * PostgreSQL, never went through intake, lacks the notification or the delivered email of an
   * event, or the webhook delivery of its `submitted` or `routed` event (delivered, and received),
   * or has a future job (deadline, reminder) that the queue no longer holds.
   */
  async verify(stream: SubmissionStream): Promise<{ row: Row; leftovers: Leftovers }> {
    const acknowledged = stream.submissions.filter((s) => s.acknowledged).map((s) => s.requestId);
    const check = async () => {
      const received = this.suite.webhooks.countsById();
      const files = (await this.files(acknowledged)).map((f) => ({
        ...f,
        undelivered: f.undelivered + (f.hooks.length < f.hooksExpected || f.hooks.some((id) => !received.has(id)) ? 1 : 0),
      }));
      const missingJobs = await this.missingDelayedJobs();
      const leftovers = await this.leftovers();
      const row: Row = {
        scenario: this.name,
        submitted: stream.submissions.length,
        acknowledged: acknowledged.length,
        stored: files.filter((f) => f.status !== 'draft' && f.reference).length,
        processed: files.filter((f) => f.routed > 0).length,
        duplicates: files.filter((f) => f.submitted > 1 || f.routed > 1).length,
        lost: acknowledged.length - files.filter((f) => f.routed > 0 && f.undelivered === 0 && !missingJobs.has(f.id)).length,
      };
      leftovers.refused = stream.submissions.filter((s) => s.refused).length;
      leftovers.undelivered = files.filter((f) => f.undelivered > 0).length;
      leftovers.futureJobsMissing = missingJobs.size;
      leftovers.emailsTwice = this.deliveredTwice(files.flatMap((f) => f.emails));
      leftovers.webhooksTwice = files.flatMap((f) => f.hooks).filter((id) => (received.get(id) ?? 0) > 1).length;
      const done = row.lost === 0 && leftovers.unsentOutbox === 0 && leftovers.queuedJobs === 0;
      return { row, leftovers, done };
    };
    await within(CHAOS.recoveryMs, async () => (await check()).done);
    // Late duplicates would show up now.
    await sleep(1_000);
    return check();
  }

  async close(): Promise<void> {
    await Promise.all([this.api?.stop('SIGTERM'), this.worker?.stop('SIGTERM')]);
    this.redis.signal('SIGCONT');
    await this.redis.kill();
  }

  log(app: string): string {
    return join(this.suite.logs, `${this.name}-${app}.log`);
  }

  private async files(ids: string[]) {
    return this.query<{ id: string; status: string; reference: string | null; submitted: number; routed: number; undelivered: number; emails: string[]; hooks: string[]; hooksExpected: number }>(
      `WITH queued AS (SELECT DISTINCT (payload->>'eventId')::bigint AS event_id FROM outbox_messages WHERE job_name = 'request.notify')
       SELECT r.id, r.status, r.reference,
              (SELECT count(*) FROM request_events e WHERE e.request_id = r.id AND e.type = 'submitted')::int AS submitted,
              (SELECT count(*) FROM request_events e WHERE e.request_id = r.id AND e.type = 'routed')::int AS routed,
              (SELECT count(*) FROM request_events e
                WHERE e.request_id = r.id AND e.id IN (SELECT event_id FROM queued)
                  AND (NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_id = e.id)
                       OR NOT EXISTS (SELECT 1 FROM email_messages m WHERE m.event_id = e.id AND m.sent_at IS NOT NULL)))::int AS undelivered,
              ARRAY(SELECT m.id::text FROM request_events e JOIN email_messages m ON m.event_id = e.id WHERE e.request_id = r.id) AS emails,
              ARRAY(SELECT d.id::text FROM request_events e JOIN webhook_deliveries d ON d.event_id = e.id WHERE e.request_id = r.id AND d.status = 'delivered') AS hooks,
              (SELECT count(*) FROM request_events e WHERE e.request_id = r.id AND e.type IN ('submitted', 'routed'))::int AS "hooksExpected"
         FROM requests r WHERE r.id = ANY($1)`,
      [ids],
    );
  }

  /** How many of these emails the SMTP server accepted more than once (the Message-ID carries the email's id). */
  private deliveredTwice(emailIds: string[]): number {
    const ids = new Set(emailIds);
    const seen = new Map<string, number>();
    for (const mail of this.suite.smtp.received) {
      const id = /^<([^@]+)@/.exec(mail.messageId)?.[1] ?? '';
      if (ids.has(id)) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    return [...seen.values()].filter((n) => n > 1).length;
  }

  /** Files whose future jobs (deadline, reminder) are missing from the queue. */
  private async missingDelayedJobs(): Promise<Set<string>> {
    const rows = await this.query<{ id: string; queue: string; request_id: string }>(
      `SELECT id, queue, payload->>'requestId' AS request_id FROM outbox_messages WHERE sent_at IS NOT NULL AND available_at > now() + interval '1 minute'`,
    );
    const missing = new Set<string>();
    await this.withQueues(async (queues) => {
      for (const row of rows) if (!(await queues.get(row.queue)!.getJob(row.id))) missing.add(row.request_id);
    });
    return missing;
  }

  /** BullMQ's counts over both queues; `queued` = active + waiting (delayed jobs are not due). */
  jobCounts(): Promise<{ failed: number; active: number; queued: number }> {
    return this.withQueues(async (queues) => {
      const total = { failed: 0, active: 0, queued: 0 };
      for (const queue of queues.values()) {
        const counts = await queue.getJobCounts('failed', 'active', 'waiting', 'prioritized');
        total.failed += counts.failed ?? 0;
        total.active += counts.active ?? 0;
        total.queued += (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.prioritized ?? 0);
      }
      return total;
    });
  }

  private async withQueues<T>(work: (queues: Map<string, ReturnType<QueueBackend['createQueue']>>) => Promise<T>): Promise<T> {
    const backend = new QueueBackend(validateConfig({ REDIS_URL: this.redis.url, QUEUE_PREFIX }));
    let timer: NodeJS.Timeout | undefined;
    try {
      // BullMQ's connection waits for Redis forever: bound it, Redis may still be down.
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('Redis did not answer')), 5_000)));
      return await Promise.race([work(new Map(QUEUE_NAMES.map((name) => [name, backend.createQueue(name)]))), timeout]);
    } finally {
      clearTimeout(timer);
      await backend.close();
    }
  }
}
